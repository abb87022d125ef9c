import ReviewRoomCore
import Testing

@Suite("Retention: when a session is due for erasing")
struct SessionRetentionTests {
    static let day: Int64 = 86_400_000

    @Test(arguments: [0, -1, 3_651, Int.max, Int.min])
    func daysOutsideOneToTenYearsMakeNoRule(days: Int) {
        #expect(SessionRetention(days: days) == nil)
    }

    @Test(arguments: [1, 30, 3_650])
    func daysWithinTheRangeMakeOne(days: Int) throws {
        #expect(try #require(SessionRetention(days: days)).days == days)
    }

    @Test func aSessionIsDueExactlyItsDaysAfterItsLastUse() throws {
        let retention = try #require(SessionRetention(days: 30))
        let lastUse = Timestamp(millisecondsSince1970: 1_800_000_000_123)
        let erasesAt = retention.erasesAt(lastUse: lastUse)
        #expect(erasesAt.millisecondsSince1970 == lastUse.millisecondsSince1970 + 30 * Self.day)
        #expect(!retention.isDue(lastUse: lastUse, now: Timestamp(millisecondsSince1970: erasesAt.millisecondsSince1970 - 1)))
        #expect(retention.isDue(lastUse: lastUse, now: erasesAt))
    }

    @Test func dueSessionsComeLongestUnusedFirst() throws {
        let retention = try #require(SessionRetention(days: 1))
        let now = Timestamp(millisecondsSince1970: 100 * Self.day)
        let uses: [(id: String, lastUse: Timestamp)] = [
            ("recent", Timestamp(millisecondsSince1970: 99 * Self.day + 1)),
            ("older", Timestamp(millisecondsSince1970: 50 * Self.day)),
            ("oldest", Timestamp(millisecondsSince1970: 3 * Self.day)),
            ("exactly", Timestamp(millisecondsSince1970: 99 * Self.day)),
        ]
        #expect(retention.due(uses, now: now) == ["oldest", "older", "exactly"])
        let none: [(id: String, lastUse: Timestamp)] = []
        #expect(retention.due(none, now: now).isEmpty)
    }
}
