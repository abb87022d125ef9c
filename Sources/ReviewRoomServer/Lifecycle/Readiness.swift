import LockedValue

/// Whether the daemon takes new work: `/readyz` answers 200 only while ``Phase/ready``.
public final class Readiness: Sendable {
    /// The daemon's life phases, in order.
    public enum Phase: String, Sendable {
        /// Listening, but not yet done starting (503).
        case starting
        /// Serving (200).
        case ready
        /// Shutting down after SIGTERM/SIGINT (503).
        case stopping
    }

    private let phase = Locked(Phase.starting)

    /// Starts in ``Phase/starting``.
    public init() {}

    /// The current phase.
    public var current: Phase { phase.withLock { $0 } }

    /// Marks the daemon ready, unless it is already stopping (stopping never goes back).
    public func markReady() { phase.withLock { if $0 == .starting { $0 = .ready } } }

    /// Marks the daemon stopping.
    public func markStopping() { phase.withLock { $0 = .stopping } }
}
