import Foundation
@testable import ReviewRoomContent
import ReviewRoomCore
import Testing

/// Local times in the record at the edges of the start times the API accepts (0000-01-01T00:00Z
/// to 9999-12-31T23:59:59.999Z): they used to come out as Foundation's Julian dates before 1582
/// ("0001-01-03 00:00 GMT" for 0000-01-01T00:00Z) and as a bare five-digit year after 9999.
@Suite("Review record: local times at the edges of the calendar")
struct RecordLocalTimeTests {
    static func instant(_ text: String) throws -> Timestamp { try #require(Timestamp(rfc3339: text)) }

    @Test("dates are proleptic Gregorian like the RFC 3339 times, with a signed year outside 0000–9999",
          arguments: [
              ("9999-12-31T23:00:00Z", "Pacific/Kiritimati", "+10000-01-01 13:00 GMT+14", "13:00:00"),
              ("9999-12-31T23:59:59.999Z", "UTC", "9999-12-31 23:59 UTC", "23:59:59"),
              ("0000-01-01T00:00:00Z", "UTC", "0000-01-01 00:00 UTC", "00:00:00"),
              // New York's local mean time before 1883, as the time zone database has it.
              ("0000-01-01T00:00:00Z", "America/New_York", "-0001-12-31 19:03 GMT-4:56:02", "19:03:58"),
              ("0001-01-01T00:00:00Z", "America/New_York", "0000-12-31 19:03 GMT-4:56:02", "19:03:58"),
              ("1500-03-01T12:00:00Z", "Europe/London", "1500-03-01 11:58 GMT-0:01:15", "11:58:45"),
              ("2026-12-01T09:30:05Z", "Europe/London", "2026-12-01 09:30 GMT", "09:30:05"),
          ])
    func edges(_ utc: String, _ zone: String, _ dateTime: String, _ time: String) throws {
        let formatter = RecordTimeFormatter(timeZone: zone)
        let at = try Self.instant(utc)
        #expect(formatter.dateTime(at) == dateTime)
        #expect(formatter.time(at) == time)
    }

    @Test("from 1900 on every zone reads as Foundation's own formatter wrote it before")
    func agreesWithFoundationInModernTimes() throws {
        for zone in ["Europe/London", "America/New_York", "Pacific/Kiritimati", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"] {
            let ours = RecordTimeFormatter(timeZone: zone)
            let foundation = DateFormatter()
            foundation.locale = Locale(identifier: "en_US_POSIX")
            foundation.calendar = Calendar(identifier: .gregorian)
            foundation.timeZone = TimeZone(identifier: zone)
            foundation.dateFormat = "yyyy-MM-dd HH:mm zzz|HH:mm:ss"
            // 1900 to 2100 in steps that land on every hour, minute and season.
            for ms in stride(from: Int64(-2_208_988_800_000), to: 4_102_444_800_000, by: 86_400_000 * 37 + 3_723_456) {
                let at = Timestamp(millisecondsSince1970: ms)
                let written = foundation.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
                // Foundation calls UTC "GMT"; the record calls it by its name (see below).
                let expected = zone == "UTC" ? written.replacingOccurrences(of: "GMT", with: "UTC") : written
                #expect(ours.dateTime(at) + "|" + ours.time(at) == expected, "\(zone) \(at.rfc3339)")
            }
        }
    }

    /// "2026-12-01 09:30 GMT (UTC)" read as two zones; Europe/London in winter is still GMT.
    @Test("a zone named UTC is called UTC, an unknown zone's fallback too; London stays GMT")
    func utcIsCalledUTC() throws {
        let at = try Self.instant("2026-12-01T09:30:00Z")
        #expect(RecordTimeFormatter(timeZone: "Etc/UTC").dateTime(at) == "2026-12-01 09:30 UTC")
        #expect(RecordTimeFormatter(timeZone: "Mars/Olympus_Mons").dateTime(at) == "2026-12-01 09:30 UTC")
        #expect(RecordTimeFormatter(timeZone: "Europe/London").dateTime(at) == "2026-12-01 09:30 GMT")
        #expect(RecordTimeFormatter(timeZone: "Africa/Abidjan").dateTime(at) == "2026-12-01 09:30 GMT")
    }

    @Test("the record's planned start and a moved start use it, in every format")
    func recordUsesIt() throws {
        var review = ScriptedReview(timeZone: "Pacific/Kiritimati")
        try review.edit(SessionEdit(startsAt: try Self.instant("9999-12-31T23:00:00Z")), at: -3600)
        let record = ReviewRecord(review.input(at: -3000))
        #expect(record.session.startsAtLocal == "+10000-01-01 13:00 GMT+14")
        #expect(record.log.contains { $0.text.hasSuffix("to +10000-01-01 13:00 GMT+14") })
        let markdown = String(decoding: RecordRenderer.render(record, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("+10000-01-01 13:00 GMT+14 (Pacific/Kiritimati)"))
        let html = String(decoding: RecordRenderer.render(record, as: .html), as: UTF8.self)
        #expect(html.contains("<dd>+10000-01-01 13:00 GMT+14 (Pacific/Kiritimati)</dd>"))
    }
}
