/// Edit→other-participant latencies laid out over the run in fixed slices of send time, to tell
/// a tail spread over the whole window (queueing under steady load) from one bunched into a
/// few slices (a periodic stall: a checkpoint, a burst of timers, a sweep).
///
/// Each slice keeps its deliveries, how many of them were over a threshold, its slowest, and the
/// slowest of each half of the server-stamp split (send → applied, applied → others). Pure: the
/// caller supplies every timestamp, relative to any origin it likes.
public struct LatencyTimeline: Sendable, Equatable {
    /// One slice of send time.
    public struct Slice: Sendable, Equatable {
        /// Start of the slice, nanoseconds from the origin.
        public var start: UInt64
        /// Deliveries of edits sent in it.
        public var count = 0
        /// Of those, the ones over the threshold.
        public var over = 0
        /// The slowest delivery, nanoseconds.
        public var slowest: UInt64 = 0
        /// The slowest send → applied part, nanoseconds (0 without server stamps).
        public var slowestToServer: UInt64 = 0
        /// The slowest applied → others part, nanoseconds (0 without server stamps).
        public var slowestFromServer: UInt64 = 0
    }

    /// Where slice 0 starts (monotonic nanoseconds).
    public let origin: UInt64
    /// Width of a slice, nanoseconds.
    public let width: UInt64
    /// A delivery slower than this counts as over.
    public let threshold: UInt64
    /// The slices so far, by index; slices nothing was sent in are empty.
    public private(set) var slices: [Slice] = []

    /// A timeline from `origin`, in slices of `width` nanoseconds, counting deliveries over
    /// `threshold` nanoseconds.
    public init(origin: UInt64, width: UInt64, threshold: UInt64) {
        self.origin = origin
        self.width = max(1, width)
        self.threshold = threshold
    }

    /// Records one delivery of an edit sent at `sentAt` that took `latency`, split (when the
    /// server stamped it) into `toServer` + `fromServer`. Sends before the origin are ignored.
    public mutating func record(sentAt: UInt64, latency: UInt64, toServer: UInt64 = 0, fromServer: UInt64 = 0) {
        guard sentAt >= origin else { return }
        let index = Int((sentAt - origin) / width)
        while slices.count <= index { slices.append(Slice(start: UInt64(slices.count) * width)) }
        slices[index].count += 1
        if latency > threshold { slices[index].over += 1 }
        slices[index].slowest = max(slices[index].slowest, latency)
        slices[index].slowestToServer = max(slices[index].slowestToServer, toServer)
        slices[index].slowestFromServer = max(slices[index].slowestFromServer, fromServer)
    }

    /// All deliveries over the threshold.
    public var totalOver: Int { slices.reduce(0) { $0 + $1.over } }

    /// The `limit` slices with the slowest deliveries, slowest first (ties: earlier first).
    public func worst(_ limit: Int) -> [Slice] {
        Array(slices.filter { $0.count > 0 }
            .sorted { $0.slowest != $1.slowest ? $0.slowest > $1.slowest : $0.start < $1.start }
            .prefix(max(0, limit)))
    }

    /// The share (0…1) of all over-threshold deliveries that fall in the `fraction` of non-empty
    /// slices holding the most of them: near `fraction` for a tail spread evenly over time, near
    /// 1 for one bunched into a few slices. 0 when nothing is over.
    public func overShareOfBusiest(fraction: Double) -> Double {
        let total = totalOver
        let used = slices.filter { $0.count > 0 }
        guard total > 0, !used.isEmpty else { return 0 }
        let take = max(1, Int((Double(used.count) * min(max(fraction, 0), 1)).rounded(.up)))
        let busiest = used.map(\.over).sorted(by: >).prefix(take).reduce(0, +)
        return Double(busiest) / Double(total)
    }
}
