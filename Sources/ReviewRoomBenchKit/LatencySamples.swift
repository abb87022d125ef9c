/// Latency samples in nanoseconds and their percentiles (exact: every sample is kept and
/// sorted once when read).
///
/// A load run records a few million samples at most (one per edit per receiving client),
/// 8 bytes each, so exact percentiles cost less than a histogram's bookkeeping would save.
public struct LatencySamples: Sendable, Equatable {
    private var values: [UInt64] = []
    private var sorted = true

    /// An empty set.
    public init() {}

    /// Number of samples.
    public var count: Int { values.count }

    /// Adds one sample (nanoseconds).
    public mutating func record(nanoseconds: UInt64) {
        if let last = values.last, nanoseconds < last { sorted = false }
        values.append(nanoseconds)
    }

    /// Adds every sample of `other`.
    public mutating func merge(_ other: LatencySamples) {
        for value in other.values { record(nanoseconds: value) }
    }

    /// The `p`-th percentile (0…100) by the nearest-rank method, in nanoseconds; nil when empty.
    ///
    /// Nearest rank: the smallest sample such that at least `p` % of all samples are at or
    /// below it (p = 0 gives the minimum, p = 100 the maximum).
    public mutating func percentile(_ p: Double) -> UInt64? {
        guard !values.isEmpty else { return nil }
        if !sorted {
            values.sort()
            sorted = true
        }
        let clamped = min(max(p, 0), 100)
        // The epsilon keeps binary rounding (99.9 / 100 · 1000 = 999.000…1) from skipping a rank.
        let rank = Int((clamped * Double(values.count) / 100 - 1e-9).rounded(.up))
        return values[max(rank, 1) - 1]
    }

    /// The largest sample; nil when empty.
    public mutating func maximum() -> UInt64? { percentile(100) }

    /// A summary in milliseconds (zeros when empty).
    public mutating func summary() -> LatencySummary {
        func ms(_ value: UInt64?) -> Double { Double(value ?? 0) / 1_000_000 }
        return LatencySummary(count: count, p50Ms: ms(percentile(50)), p90Ms: ms(percentile(90)),
                              p99Ms: ms(percentile(99)), maxMs: ms(maximum()))
    }
}
