import LockedValue

/// A value that goes up and down (Prometheus `gauge`), safe to change from any thread.
public final class MetricGauge: Sendable {
    private let value = Locked<Int64>(0)

    /// A gauge at zero.
    public init() {}

    /// Adds one (e.g. a connection opened).
    public func increment() { add(1) }

    /// Subtracts one (e.g. a connection closed).
    public func decrement() { add(-1) }

    /// Adds `delta`, which may be negative.
    public func add(_ delta: Int64) {
        value.withLock { $0 &+= delta }
    }

    /// Replaces the value.
    public func set(_ newValue: Int64) {
        value.withLock { $0 = newValue }
    }

    /// The value now.
    public var current: Int64 { value.withLock { $0 } }
}
