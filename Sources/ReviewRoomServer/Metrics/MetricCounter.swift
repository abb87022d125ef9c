import LockedValue

/// A monotonically increasing count (Prometheus `counter`), safe to bump from any thread.
public final class MetricCounter: Sendable {
    private let value = Locked<UInt64>(0)

    /// A counter at zero.
    public init() {}

    /// Adds `amount` (default 1).
    public func increment(by amount: UInt64 = 1) {
        value.withLock { $0 &+= amount }
    }

    /// The count so far.
    public var current: UInt64 { value.withLock { $0 } }
}
