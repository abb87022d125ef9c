/// The daemon's `reviewroom_commit_latency_seconds` histogram (seconds from handing events to
/// the store to their being durable), read from its `/metrics` text. Two readings, one at each
/// end of a load window, give the commits inside it (``since(_:)``): how much of a delivery's
/// time after the session applied an edit was the durable commit. Pure: parses text it is given.
public struct CommitLatencyHistogram: Sendable {
    /// Cumulative counts by upper bound in seconds, ascending (`+Inf` as `.infinity`).
    public var buckets: [(upperBound: Double, count: Double)]
    /// Sum of all latencies, seconds.
    public var sum: Double
    /// Number of commits.
    public var count: Double

    /// The histogram in Prometheus text; nil when the text does not hold it.
    public init?(metricsText text: String) {
        let name = "reviewroom_commit_latency_seconds"
        var buckets: [(Double, Double)] = []
        var sum: Double?, count: Double?
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            let key = parts[0]
            if key == "\(name)_sum" {
                sum = value
            } else if key == "\(name)_count" {
                count = value
            } else if key.hasPrefix("\(name)_bucket{le=\""), key.hasSuffix("\"}") {
                let bound = key.dropFirst("\(name)_bucket{le=\"".count).dropLast(2)
                guard let upper = bound == "+Inf" ? Double.infinity : Double(bound) else { continue }
                buckets.append((upper, value))
            }
        }
        guard let sum, let count, !buckets.isEmpty else { return nil }
        self.buckets = buckets.sorted { $0.0 < $1.0 }
        self.sum = sum
        self.count = count
    }

    /// The commits between `earlier` and this reading (same buckets).
    public func since(_ earlier: CommitLatencyHistogram) -> CommitLatencyHistogram {
        var delta = self
        delta.buckets = zip(buckets, earlier.buckets).map { ($0.upperBound, $0.count - $1.count) }
        delta.sum = sum - earlier.sum
        delta.count = count - earlier.count
        return delta
    }

    /// Mean latency in milliseconds (0 without commits).
    public var meanMilliseconds: Double { count > 0 ? sum / count * 1000 : 0 }

    /// The smallest bucket bound (ms) at or below which `p` % of the commits fall: an upper
    /// bound of that percentile. Infinity when it lies past the last finite bucket.
    public func percentileBoundMilliseconds(_ p: Double) -> Double {
        let wanted = count * p / 100
        return (buckets.first { $0.count >= wanted }?.upperBound ?? .infinity) * 1000
    }
}
