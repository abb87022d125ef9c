import Foundation
import ReviewRoomCore

/// Wall-clock time; sleeps with `ContinuousClock` and re-checks the wall clock on waking, so
/// a wall-clock step never fires a deadline early.
public struct SystemSessionClock: SessionClock {
    /// Creates the clock.
    public init() {}

    /// Now, to the millisecond.
    public func now() -> Timestamp { Timestamp(secondsSince1970: Date().timeIntervalSince1970) }

    /// Sleeps until the wall clock reaches `deadline`.
    public func sleep(until deadline: Timestamp) async throws {
        while true {
            let remaining = now().seconds(to: deadline)
            if remaining <= 0 { return }
            try await Task.sleep(for: .milliseconds(Int64((remaining * 1000).rounded(.up))))
        }
    }
}
