import ReviewRoomProtocol
import Testing

@Suite("Rate limiter")
struct RateLimiterTests {
    @Test func aBurstIsAllowedThenRefusedThenRefilled() {
        var limiter = RateLimiter(perSecond: 50, burst: 200)
        let verdicts = (0..<201).map { _ in limiter.take(at: 0) }
        #expect(verdicts.prefix(200).allSatisfy { $0 == .allow })
        #expect(verdicts.last == .refuse)
        #expect(limiter.take(at: 0.1) == .allow, "five tokens came back after 0.1 s")
    }

    @Test func moreThanAHundredRefusalsWithinTwoSecondsClose() {
        var limiter = RateLimiter(perSecond: 1, burst: 1)
        #expect(limiter.take(at: 0) == .allow)
        let verdicts = (0..<101).map { n in limiter.take(at: Double(n) * 0.001) }
        #expect(verdicts.prefix(100).allSatisfy { $0 == .refuse })
        #expect(verdicts.last == .close)
    }

    @Test func refusalsSpreadOverMoreThanTwoSecondsDoNotClose() {
        var limiter = RateLimiter(perSecond: 1, burst: 1, refusalLimit: 3, refusalWindowSeconds: 2)
        var closed = false
        // Four refusals, but never more than three within 2 s.
        for t in [0.0, 0.1, 0.2, 0.3, 2.35] where limiter.take(at: t) == .close { closed = true }
        #expect(!closed)
    }
}
