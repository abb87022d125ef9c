import Dispatch
import Foundation
import LockedValue
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The last resort that keeps PROTOCOL §1's "exit 0 within 10 s of SIGTERM" when graceful
/// shutdown itself is stuck (a store commit waiting on a lock, a drain that does not end).
///
/// ``arm()`` starts a dedicated thread — not a task: the cooperative pool may be the very thing
/// that is stuck — which waits up to ``bound``. If ``disarm()`` has not been called by then, it
/// logs at error level what is abandoned (the stage and ``describe``'s summary) and calls
/// ``exitAction`` (by default `_exit(0)`).
///
/// Exiting 0 there loses nothing acknowledged: the daemon sends an ack, event or HTTP success
/// only after the store's COMMIT, so whatever is abandoned was never confirmed to anyone, and
/// clients resend unacknowledged edits when they reconnect.
public final class ShutdownDeadline: Sendable {
    private struct State {
        var armed = false
        var disarmed = false
        var stage = "the services' graceful shutdown (live sessions draining, pending commits)"
    }

    /// How long after ``arm()`` the process is ended.
    public let bound: Duration
    /// What the process still holds when the deadline passes (connections, live sessions, …).
    public let describe: @Sendable () -> String
    /// Ends the process; `_exit(0)` unless a test injects something else.
    public let exitAction: @Sendable () -> Void
    private let logger: Logger
    private let state = Locked(State())
    private let done = DispatchSemaphore(value: 0)

    /// Creates a deadline, not yet armed.
    public init(bound: Duration, logger: Logger, describe: @escaping @Sendable () -> String = { "" },
                exitAction: @escaping @Sendable () -> Void = { _exit(0) }) {
        self.bound = bound; self.logger = logger; self.describe = describe; self.exitAction = exitAction
    }

    /// What graceful shutdown is doing now (named in the log line if the deadline passes).
    public var stage: String {
        get { state.withLock { $0.stage } }
        set { state.withLock { $0.stage = newValue } }
    }

    /// Starts the countdown (once; later calls do nothing).
    public func arm() {
        let first = state.withLock { state -> Bool in
            defer { state.armed = true }
            return !state.armed && !state.disarmed
        }
        guard first else { return }
        let thread = Thread { [self] in self.wait() }
        thread.name = "rr-shutdown-deadline"
        thread.start()
    }

    /// Graceful shutdown finished: the countdown, if armed, ends without exiting.
    public func disarm() {
        let wasArmed = state.withLock { state -> Bool in
            state.disarmed = true
            return state.armed
        }
        if wasArmed { done.signal() }
    }

    private func wait() {
        let components = bound.components
        let nanoseconds = components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
        if done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .success { return }
        guard !state.withLock({ $0.disarmed }) else { return }
        let summary = describe()
        let abandoned = summary.isEmpty ? stage : "\(stage); \(summary)"
        logger.error("shutdown deadline passed: exiting with status 0, abandoning \(abandoned)", metadata: [
            "bound_seconds": "\(Double(components.seconds) + Double(components.attoseconds) / 1e18)",
        ])
        // Status 0, not a failure: every ack, event and HTTP success goes out only after its
        // COMMIT, so what is abandoned here was never acknowledged and nothing confirmed is lost.
        exitAction()
    }
}
