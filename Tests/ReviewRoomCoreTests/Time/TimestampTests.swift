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
                      "2026-11-29T10:00:00Zjunk", "2026-11-29 10:00:00Z"])
    func rejectsMalformed(_ text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func roundTripsAcrossCenturies() {
        for ms in stride(from: Int64(-5_000_000_000_000), to: 10_000_000_000_000, by: 123_456_789_011) {
            let t = Timestamp(millisecondsSince1970: ms)
            #expect(Timestamp(rfc3339: t.rfc3339) == t)
        }
    }
}
