import LockedValue

/// A family of counters told apart by label values (e.g. `type` and `outcome`).
///
/// Label values must come from small fixed sets (command names, error codes) — never ids or
/// user input — so the number of series stays bounded; past ``seriesLimit`` series new label
/// combinations are counted under the value `other` for every label.
public final class LabeledMetricCounter: Sendable {
    /// The label names, in the order values are passed to ``increment(_:by:)``.
    public let labelNames: [String]
    /// The most distinct label combinations kept before new ones fold into `other`.
    public let seriesLimit: Int
    private let series = Locked<[[String]: UInt64]>([:])

    /// A family with the given label names.
    public init(labelNames: [String], seriesLimit: Int = 500) {
        self.labelNames = labelNames; self.seriesLimit = seriesLimit
    }

    /// Adds `amount` to the series for `values` (one per label name; missing ones are empty).
    public func increment(_ values: String..., by amount: UInt64 = 1) {
        increment(values: values, by: amount)
    }

    /// Adds `amount` to the series for `values` (one per label name; missing ones are empty).
    public func increment(values: [String], by amount: UInt64 = 1) {
        var key = Array(values.prefix(labelNames.count))
        while key.count < labelNames.count { key.append("") }
        series.withLock { series in
            if series[key] == nil && series.count >= seriesLimit {
                key = Array(repeating: "other", count: labelNames.count)
            }
            series[key, default: 0] &+= amount
        }
    }

    /// The count for `values`, zero if never counted.
    public func current(_ values: String...) -> UInt64 {
        series.withLock { $0[values] ?? 0 }
    }

    /// Every series, sorted by label values.
    public var snapshot: [(labels: [String], value: UInt64)] {
        series.withLock { $0.map { (labels: $0.key, value: $0.value) } }
            .sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
    }
}
