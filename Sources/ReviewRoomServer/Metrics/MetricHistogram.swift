import LockedValue

/// A distribution of observations in fixed buckets (Prometheus `histogram`), safe to observe
/// from any thread.
public final class MetricHistogram: Sendable {
    /// A copy of the histogram's state at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// Upper bounds of the buckets, ascending (`+Inf` is implied).
        public var bounds: [Double]
        /// Observations `<=` each bound, not cumulative (same order as `bounds`).
        public var bucketCounts: [UInt64]
        /// Every observation (the `+Inf` bucket).
        public var count: UInt64
        /// The sum of every observation.
        public var sum: Double
    }

    private let bounds: [Double]
    private let state: Locked<(buckets: [UInt64], count: UInt64, sum: Double)>

    /// A histogram with the given bucket upper bounds (sorted and deduplicated here; non-finite
    /// bounds are dropped because `+Inf` is always present).
    public init(bounds: [Double]) {
        let cleaned = Array(Set(bounds.filter { $0.isFinite })).sorted()
        self.bounds = cleaned
        state = Locked((Array(repeating: 0, count: cleaned.count), 0, 0))
    }

    /// Records one observation.
    public func observe(_ value: Double) {
        let index = bounds.firstIndex { value <= $0 }
        state.withLock { state in
            if let index { state.buckets[index] &+= 1 }
            state.count &+= 1
            state.sum += value
        }
    }

    /// Records a duration, in seconds.
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// The state now.
    public var snapshot: Snapshot {
        state.withLock { Snapshot(bounds: bounds, bucketCounts: $0.buckets, count: $0.count, sum: $0.sum) }
    }
}
