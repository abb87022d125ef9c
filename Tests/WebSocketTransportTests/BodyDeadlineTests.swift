import Testing
@testable import WebSocketTransport

/// The pure decision behind dropping a trickled HTTP body: the time counts from the headers,
/// not from the last piece of body.
@Suite("Body deadline")
struct BodyDeadlineTests {
    let deadline = BodyDeadline(seconds: 20)
    let second: UInt64 = 1_000_000_000

    @Test func aBodyWithinTheDeadlineIsLeftAlone() {
        #expect(!deadline.hasExpired(start: 100 * second, now: 119 * second))
    }

    @Test func aBodyStillIncompleteAtTheDeadlineHasExpired() {
        #expect(deadline.hasExpired(start: 100 * second, now: 120 * second))
        #expect(deadline.hasExpired(start: 100 * second, now: 500 * second))
    }

    @Test func aClockThatSeemsToGoBackIsNoTimeSpent() {
        #expect(!deadline.hasExpired(start: 100 * second, now: 5 * second))
    }

    @Test func aNonsenseSettingIsRaisedToOneSecond() {
        #expect(BodyDeadline(seconds: 0).nanoseconds == second)
        #expect(BodyDeadline(seconds: -5).nanoseconds == second)
    }
}
