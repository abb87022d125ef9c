import ReviewRoomCore
import Testing

/// A followed review is in use while a workshop following it is (`followsSession`).
@Suite("Retention: a review is kept while the sessions that follow it are")
struct FollowedRetentionTests {
    static func at(_ day: Int64) -> Timestamp { Timestamp(millisecondsSince1970: day * 86_400_000) }

    static func lastUses(_ sessions: [(id: String, lastUse: Timestamp, follows: String?)]) -> [String: Timestamp] {
        Dictionary(uniqueKeysWithValues: SessionRetention.countingFollowers(sessions).map { ($0.id, $0.lastUse) })
    }

    @Test func aReviewTakesTheLastUseOfItsWorkshopWhenThatIsLater() {
        let uses = Self.lastUses([("review", Self.at(10), nil), ("workshop", Self.at(40), "review"), ("alone", Self.at(5), nil)])
        #expect(uses == ["review": Self.at(40), "workshop": Self.at(40), "alone": Self.at(5)])
    }

    @Test func aWorkshopIsNotKeptByItsReviewAndAnEarlierWorkshopChangesNothing() {
        let uses = Self.lastUses([("review", Self.at(50), nil), ("workshop", Self.at(40), "review")])
        #expect(uses == ["review": Self.at(50), "workshop": Self.at(40)])
    }

    @Test func theLatestOfSeveralFollowersDownAChainCounts() {
        let uses = Self.lastUses([
            ("follow-up", Self.at(90), "workshop"), ("workshop", Self.at(40), "review"),
            ("second workshop", Self.at(60), "review"), ("review", Self.at(10), nil),
        ])
        #expect(uses == ["review": Self.at(90), "workshop": Self.at(90), "follow-up": Self.at(90), "second workshop": Self.at(60)])
    }

    @Test func aDeletedReviewIsIgnoredAndALoopEnds() {
        let gone = Self.lastUses([("workshop", Self.at(40), "deleted review")])
        #expect(gone == ["workshop": Self.at(40)])
        let loop = Self.lastUses([("a", Self.at(1), "b"), ("b", Self.at(2), "a"), ("self", Self.at(3), "self")])
        #expect(loop == ["a": Self.at(2), "b": Self.at(2), "self": Self.at(3)])
    }

    @Test func theSweepThenErasesAReviewOnlyWithItsWorkshop() throws {
        let retention = try #require(SessionRetention(days: 30))
        let uses = SessionRetention.countingFollowers([("review", Self.at(10), nil), ("workshop", Self.at(40), "review")])
        #expect(retention.due(uses, now: Self.at(45)).isEmpty, "the review's own 30 days are over, but its workshop's are not")
        #expect(retention.due(uses, now: Self.at(70)) == ["review", "workshop"])
    }
}
