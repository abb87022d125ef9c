/// One of the daemon's latency histograms read from its `/metrics` text: by default
/// `reviewroom_commit_latency_seconds` (seconds from handing events to the store to their being
/// durable), or ``sendWait`` and ``receiveHandling``. Two readings, one at each end of a load
/// window, give the observations inside it (``since(_:)``): how much of a delivery's time was the
/// durable commit, the daemon's send queue, or the handling of what it read. Pure: parses text
/// it is given.
public struct DaemonLatencyHistogram: Sendable {
    /// The commit histogram's name.
    public static let commitLatency = "reviewroom_commit_latency_seconds"
    /// How long a connection's oldest unsent frame waited for the daemon's send thread.
    public static let sendWait = "reviewroom_send_wait_seconds"
    /// How long from reading a message to having handled it (not the durable commit).
    public static let receiveHandling = "reviewroom_receive_handling_seconds"

    /// Cumulative counts by upper bound in seconds, ascending (`+Inf` as `.infinity`).
    public var buckets: [(upperBound: Double, count: Double)]
    /// Sum of all latencies, seconds.
    public var sum: Double
    /// Number of observations.
    public var count: Double

    /// The histogram `name` in Prometheus text; nil when the text does not hold it.
    public init?(metricsText text: String, name: String = DaemonLatencyHistogram.commitLatency) {
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

    /// The observations between `earlier` and this reading (same buckets).
    public func since(_ earlier: DaemonLatencyHistogram) -> DaemonLatencyHistogram {
        var delta = self
        delta.buckets = zip(buckets, earlier.buckets).map { ($0.upperBound, $0.count - $1.count) }
        delta.sum = sum - earlier.sum
        delta.count = count - earlier.count
        return delta
    }

    /// Mean latency in milliseconds (0 without observations).
    public var meanMilliseconds: Double { count > 0 ? sum / count * 1000 : 0 }

    /// The smallest bucket bound (ms) at or below which `p` % of the observations fall: an upper
    /// bound of that percentile. Infinity when it lies past the last finite bucket.
    public func percentileBoundMilliseconds(_ p: Double) -> Double {
        let wanted = count * p / 100
        return (buckets.first { $0.count >= wanted }?.upperBound ?? .infinity) * 1000
    }
}
