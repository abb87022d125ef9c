/// Percentiles of a ``LatencySamples`` set, in milliseconds.
public struct LatencySummary: Sendable, Equatable {
    /// Samples behind the figures.
    public var count: Int
    /// Median.
    public var p50Ms: Double
    /// 90th percentile.
    public var p90Ms: Double
    /// 99th percentile.
    public var p99Ms: Double
    /// Largest sample.
    public var maxMs: Double

    /// Creates a summary.
    public init(count: Int, p50Ms: Double, p90Ms: Double, p99Ms: Double, maxMs: Double) {
        self.count = count
        self.p50Ms = p50Ms
        self.p90Ms = p90Ms
        self.p99Ms = p99Ms
        self.maxMs = maxMs
    }
}
