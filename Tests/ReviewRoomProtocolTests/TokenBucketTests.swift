import ReviewRoomProtocol
import Testing

@Suite("Token bucket")
struct TokenBucketTests {
    /// What each `(cost, at)` use of a fresh bucket (100 a second, bursts to 1,000) returned, in order.
    private static func uses(_ uses: [(Double, Double)], givingBack: [Int: Double] = [:],
                             perSecond: Double = 100, burst: Double = 1_000) -> [Bool] {
        var bucket = TokenBucket(perSecond: perSecond, burst: burst)
        var taken: [Bool] = []
        for (index, (cost, at)) in uses.enumerated() {
            if let back = givingBack[index] { bucket.giveBack(back) }
            taken.append(bucket.take(cost, at: at))
        }
        return taken
    }

    @Test func aCostIsTakenWholeOrNotAtAll() {
        // 600 leave 400: a use of 500 takes nothing, so 400 are still there.
        #expect(Self.uses([(600, 0), (500, 0), (400, 0), (1, 0)]) == [true, false, true, false])
    }

    @Test func tokensFlowBackAtTheRateUpToTheBurst() {
        // One second brings back 100; however long it waits, never more than the burst.
        #expect(Self.uses([(1_000, 10), (101, 11), (100, 11), (1_001, 1_000), (1_000, 1_000)])
            == [true, false, true, false, true])
    }

    @Test func aClockThatGoesBackAddsNothingAndIsNotCountedTwice() {
        // Back to 40 brings nothing, and the way forward to 50 again is not counted as time passed.
        #expect(Self.uses([(1_000, 50), (1, 40), (1, 50), (100, 51)]) == [true, false, false, true])
    }

    @Test func whatIsGivenBackCanBeTakenAgainButNotPastTheBurst() {
        #expect(Self.uses([(10, 0), (4, 0), (11, 0), (10, 0)], givingBack: [1: 4, 2: 50], perSecond: 1, burst: 10)
            == [true, true, false, true])
    }
}
