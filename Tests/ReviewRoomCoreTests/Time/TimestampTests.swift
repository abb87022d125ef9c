import Testing
@testable import ReviewRoomCore

@Suite struct TimestampTests {
    @Test func formatsWithMillisecondsInUTC() {
        #expect(Timestamp(millisecondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(millisecondsSince1970: 1_795_946_401_004).rfc3339 == "2026-11-29T10:00:01.004Z")
        #expect(Timestamp(millisecondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59.999Z")
    }

    @Test func parsesZuluOffsetsAndFractions() {
        #expect(Timestamp(rfc3339: "2026-11-29T10:00:01.004Z")?.millisecondsSince1970 == 1_795_946_401_004)
        #expect(Timestamp(rfc3339: "2026-12-01T09:30:00Z") == Timestamp(rfc3339: "2026-12-01T10:30:00+01:00"))
        #expect(Timestamp(rfc3339: "2026-12-01T09:30:00.5Z")?.millisecondsSince1970
            == Timestamp(rfc3339: "2026-12-01T09:30:00Z")!.millisecondsSince1970 + 500)
        #expect(Timestamp(rfc3339: "2024-02-29T00:00:00Z") != nil)
    }

    @Test(arguments: ["", "2026-11-29", "2026-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
                      "2026-11-29T24:00:00Z", "2026-11-29T10:00:00", "2026-11-29T10:00:00.Z",
                      "2026-11-29T10:00:00Zjunk", "2026-11-29 10:00:00Z",
                      // Second 60 anywhere but 23:59:60 UTC on a month's last day (RFC 3339 §5.7).
                      "2026-12-01T09:30:60Z", "2026-12-30T23:59:60Z", "2026-12-31T23:58:60Z",
                      "2026-12-31T23:59:60+01:00",
                      // Valid text, but in UTC year 10000 or -1, which RFC 3339 cannot write back.
                      "9999-12-31T23:59:59.999-00:01", "0000-01-01T00:00:00+00:01"])
    func rejectsMalformed(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func aLeapSecondAtAMonthsEndIsHeldAtItsLastSecond() {
        #expect(Timestamp(rfc3339: "2016-12-31T23:59:60Z")?.rfc3339 == "2016-12-31T23:59:59.000Z")
        #expect(Timestamp(rfc3339: "2015-06-30T23:59:60.5Z")?.rfc3339 == "2015-06-30T23:59:59.500Z")
        // The same instant written with an offset: 23:59:60 UTC is 00:59:60 in UTC+01:00.
        #expect(Timestamp(rfc3339: "2017-01-01T00:59:60+01:00")?.rfc3339 == "2016-12-31T23:59:59.000Z")
        #expect(Timestamp(rfc3339: "2024-02-29T23:59:60Z") != nil)
    }

    @Test func theFirstAndLastWritableInstantsParseWhateverTheOffset() {
        #expect(Timestamp(rfc3339: "9999-12-31T23:59:59.999Z")?.rfc3339 == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp(rfc3339: "0000-01-01T00:00:00Z")?.rfc3339 == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp(rfc3339: "0000-01-01T23:59:00+23:59")?.rfc3339 == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp(rfc3339: "9999-12-31T00:00:59.999-23:59")?.rfc3339 == "9999-12-31T23:59:59.999Z")
    }

    @Test func roundTripsAcrossCenturies() {
        for ms in stride(from: Int64(-5_000_000_000_000), to: 10_000_000_000_000, by: 123_456_789_011) {
            let t = Timestamp(millisecondsSince1970: ms)
            #expect(Timestamp(rfc3339: t.rfc3339) == t)
        }
    }

    @Test func formattingRoundTripsAcrossTheCalendarAndYearsPast9999GrowADigit() {
        var value: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Anywhere from year 0 to the end of 9999 (RFC 3339 has four-digit years).
            let ms = Int64(value % 315_569_520_000_000) - 62_167_219_200_000
            let stamp = Timestamp(millisecondsSince1970: ms)
            let text = stamp.rfc3339
            #expect(Timestamp(rfc3339: text) == stamp, "\(ms) → \(text)")
        }
        #expect(Timestamp(millisecondsSince1970: 253_402_300_799_999).rfc3339 == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp(millisecondsSince1970: -62_167_219_200_000).rfc3339 == "0000-01-01T00:00:00.000Z")
        // Past 9999 the year simply grows a digit (the slower, padded path).
        #expect(Timestamp(millisecondsSince1970: 253_402_300_800_000).rfc3339 == "10000-01-01T00:00:00.000Z")
    }
}
