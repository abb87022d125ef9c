/// The driver's memory of edits in flight: when each was sent (monotonic nanoseconds, kept
/// here and never in the payload) and how many other participants have still to see it.
///
/// Every arrival of an edit at a participant other than its author becomes one latency
/// sample (arrival − send). An edit is forgotten once every expected receiver has seen it.
/// Pure: the caller supplies the timestamps.
public struct EditLatencyLedger: Sendable {
    private struct Pending: Sendable {
        var sentAt: UInt64
        var remaining: Int
    }

    private var pending: [EditKey: Pending] = [:]
    /// Edit→other-participant latencies recorded so far.
    public private(set) var samples = LatencySamples()
    /// Arrivals of edits the ledger never saw sent (or already saw complete): a sign of a bug.
    public private(set) var unknownArrivals = 0
    /// Arrivals dated before their send (a clock or bookkeeping bug); not recorded as samples.
    public private(set) var negativeArrivals = 0
    /// Edits sent before this instant (the warm-up) are tracked, so that their deliveries are
    /// expected and checked, but their latencies are not samples.
    public var samplesFrom: UInt64 = 0

    /// An empty ledger.
    public init() {}

    /// Edits sent whose deliveries are not all in yet.
    public var inFlight: Int { pending.count }

    /// Records that `key` was sent at `sentAt` and should reach `receivers` other participants.
    public mutating func sent(_ key: EditKey, at sentAt: UInt64, receivers: Int) {
        guard receivers > 0 else { return }
        pending[key] = Pending(sentAt: sentAt, remaining: receivers)
    }

    /// Records that `key` reached one other participant at `arrivedAt`; returns the latency
    /// in nanoseconds, or nil if the edit is unknown, the timestamps are out of order, or it
    /// was sent before ``samplesFrom``.
    @discardableResult
    public mutating func arrived(_ key: EditKey, at arrivedAt: UInt64) -> UInt64? {
        guard var entry = pending[key] else {
            unknownArrivals += 1
            return nil
        }
        entry.remaining -= 1
        pending[key] = entry.remaining > 0 ? entry : nil
        guard arrivedAt >= entry.sentAt else {
            negativeArrivals += 1
            return nil
        }
        guard entry.sentAt >= samplesFrom else { return nil }
        let latency = arrivedAt - entry.sentAt
        samples.record(nanoseconds: latency)
        return latency
    }

    /// Forgets an edit that will never be delivered and is not an error: the server acked it
    /// without an event because, transformed, it changed nothing (PROTOCOL §3.3). Returns
    /// whether it was in flight.
    @discardableResult
    public mutating func withdraw(_ key: EditKey) -> Bool {
        pending.removeValue(forKey: key) != nil
    }

    /// Forgets edits still in flight (at the end of a run) and returns how many there were.
    public mutating func abandonInFlight() -> Int {
        defer { pending.removeAll() }
        return pending.count
    }
}
