/// Decides whether a refusal for a given key (an `Origin`) is worth a log line: at most one
/// per key per interval. Pure; the service thread owns one and passes its loop clock.
struct RefusalLogThrottle: Sendable {
    /// The least time between two lines for the same key.
    let intervalNanoseconds: UInt64
    /// Keys remembered at most; past it the oldest are forgotten (a flood of made-up Origins
    /// must not grow memory without bound; forgetting only means logging a key again).
    let capacity: Int
    private var lastLogged: [String: UInt64] = [:]

    /// A throttle allowing one line per key per `intervalNanoseconds`.
    init(intervalNanoseconds: UInt64, capacity: Int = 256) {
        self.intervalNanoseconds = intervalNanoseconds; self.capacity = capacity
    }

    /// True when `key` was not logged within the interval before `now`; records `now` if so.
    mutating func shouldLog(_ key: String, now: UInt64) -> Bool {
        if let last = lastLogged[key], now &- last < intervalNanoseconds { return false }
        if lastLogged[key] == nil, lastLogged.count >= capacity {
            let expired = lastLogged.filter { now &- $0.value >= intervalNanoseconds }.map(\.key)
            if expired.isEmpty {
                if let oldest = lastLogged.min(by: { $0.value < $1.value })?.key { lastLogged[oldest] = nil }
            } else {
                for old in expired { lastLogged[old] = nil }
            }
        }
        lastLogged[key] = now
        return true
    }
}
