import LockedValue
import ReviewRoomCore
import Testing

@testable import ReviewRoomServer

/// The daemon's clock waits in pieces of at most ten seconds and re-reads the wall clock after
/// each: a cancelled wait then leaves the runtime's timer behind for ten seconds at most, and a
/// wall clock stepped forward is noticed within ten seconds. Driven by a made-up wall clock
/// that each wait moves on by what it waited.
@Suite("The daemon's session clock")
struct SystemSessionClockTests {
    /// A wall clock, the waits asked for, and a step to make after the first wait.
    private final class FakeTime: Sendable {
        let state = Locked((now: Timestamp(millisecondsSince1970: 1_796_117_400_000), waits: [Duration](), stepAfterFirst: 0.0))

        var clock: SystemSessionClock {
            SystemSessionClock(wallClock: { self.state.withLock { $0.now } }, wait: { duration in
                self.state.withLock { state in
                    let step = state.waits.isEmpty ? state.stepAfterFirst : 0
                    state.waits.append(duration)
                    let (seconds, attoseconds) = duration.components
                    state.now = state.now.adding(seconds: Double(seconds) + Double(attoseconds) / 1e18 + step)
                }
            })
        }

        var waits: [Duration] { state.withLock { $0.waits } }
        var now: Timestamp { state.withLock { $0.now } }
    }

    @Test func aLongSleepIsWaitedInPiecesOfAtMostTenSeconds() async throws {
        let time = FakeTime()
        let deadline = time.now.adding(seconds: 35.5)
        try await time.clock.sleep(until: deadline)
        #expect(time.waits == [.seconds(10), .seconds(10), .seconds(10), .milliseconds(5_500)])
        #expect(time.now == deadline)
    }

    @Test func aWallClockSteppedForwardEndsTheSleepAfterTheCurrentPiece() async throws {
        let time = FakeTime()
        let deadline = time.now.adding(seconds: 600)
        time.state.withLock { $0.stepAfterFirst = 900 }
        try await time.clock.sleep(until: deadline)
        #expect(time.waits == [.seconds(10)], "the deadline had passed when the first piece ended")
    }

    @Test func aWallClockSteppedBackKeepsItWaitingUntilTheDeadline() async throws {
        let time = FakeTime()
        let deadline = time.now.adding(seconds: 12)
        time.state.withLock { $0.stepAfterFirst = -30 }
        try await time.clock.sleep(until: deadline)
        #expect(time.waits == [.seconds(10), .seconds(10), .seconds(10), .seconds(10), .seconds(2)])
        #expect(time.now == deadline)
    }

    @Test func aPassedDeadlineReturnsWithoutWaitingAndACancelledWaitThrows() async throws {
        let time = FakeTime()
        try await time.clock.sleep(until: time.now.adding(seconds: -1))
        #expect(time.waits.isEmpty)
        let cancelled = SystemSessionClock(wallClock: { time.now }, wait: { _ in throw CancellationError() })
        await #expect(throws: CancellationError.self) { try await cancelled.sleep(until: time.now.adding(seconds: 5)) }
    }
}
