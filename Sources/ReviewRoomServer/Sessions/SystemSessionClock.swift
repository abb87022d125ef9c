import Foundation
import ReviewRoomCore

/// Wall-clock time; sleeps with `ContinuousClock` and re-checks the wall clock on waking, so
/// a wall-clock step never fires a deadline early.
///
/// It never sleeps more than ``longestWait`` at once, for two reasons. A cancelled
/// `Task.sleep` returns at once, but the runtime keeps its timer (a small task and a dispatch
/// source, about 300 bytes) until the original deadline: a session's timer is re-armed at every
/// clock or floor change, and a soak of 2,000 sessions left 42,000 such timers waiting for
/// deadlines up to a phase away. And a wall clock stepped forward (an NTP correction) is noticed
/// within ``longestWait`` instead of after the whole remaining wait.
public struct SystemSessionClock: SessionClock {
    /// The longest single wait.
    public static let longestWait: Duration = .seconds(10)

    private let wallClock: @Sendable () -> Timestamp
    private let wait: @Sendable (Duration) async throws -> Void

    /// Creates the clock.
    public init() {
        self.init(wallClock: { Timestamp(secondsSince1970: Date().timeIntervalSince1970) },
                  wait: { try await Task.sleep(for: $0) })
    }

    /// A clock reading `wallClock` and waiting with `wait` (tests give both).
    init(wallClock: @escaping @Sendable () -> Timestamp, wait: @escaping @Sendable (Duration) async throws -> Void) {
        self.wallClock = wallClock
        self.wait = wait
    }

    /// Now, to the millisecond.
    public func now() -> Timestamp { wallClock() }

    /// Sleeps until the wall clock reaches `deadline`, in waits of at most ``longestWait``.
    public func sleep(until deadline: Timestamp) async throws {
        while true {
            let remaining = Duration.milliseconds(Int64((now().seconds(to: deadline) * 1000).rounded(.up)))
            if remaining <= .zero { return }
            try await wait(min(remaining, Self.longestWait))
        }
    }
}
