/// Decides whether a line for a given key (a refused `Origin`, an lws error's text) is worth
/// logging: at most one per key per interval, and how many were held back since. Pure; its owner
/// passes the clock.
struct RefusalLogThrottle: Sendable {
    /// The least time between two lines for the same key.
    let intervalNanoseconds: UInt64
    /// Keys remembered at most; past it the oldest are forgotten (a flood of made-up Origins
    /// must not grow memory without bound; forgetting only means logging a key again).
    let capacity: Int
    /// Lines at most per interval over all keys: a script making up a new Origin for every
    /// attempt wrote a line for each (nil: no such bound).
    let linesPerInterval: Int?
    private var lastLogged: [String: UInt64] = [:]
    private var heldBack: [String: Int] = [:]

    /// A throttle allowing one line per key per `intervalNanoseconds`, and at most
    /// `linesPerInterval` over all keys.
    init(intervalNanoseconds: UInt64, capacity: Int = 256, linesPerInterval: Int? = nil) {
        self.intervalNanoseconds = intervalNanoseconds; self.capacity = capacity; self.linesPerInterval = linesPerInterval
    }

    /// True when `key` was not logged within the interval before `now`; records `now` if so.
    mutating func shouldLog(_ key: String, now: UInt64) -> Bool {
        admit(key, now: now) != nil
    }

    /// Nil when `key` was logged within the interval before `now` (counted as held back);
    /// otherwise how many lines for it were held back since it was last logged (0 the first
    /// time), and `now` is recorded.
    mutating func admit(_ key: String, now: UInt64) -> Int? {
        if let last = lastLogged[key], now &- last < intervalNanoseconds {
            heldBack[key, default: 0] += 1
            return nil
        }
        // Not counted as held back: a made-up key would only be remembered to be told once.
        if let linesPerInterval, lastLogged.values.count(where: { now &- $0 < intervalNanoseconds }) >= linesPerInterval {
            return nil
        }
        if lastLogged[key] == nil, lastLogged.count >= capacity {
            let expired = lastLogged.filter { now &- $0.value >= intervalNanoseconds }.map(\.key)
            if expired.isEmpty {
                if let oldest = lastLogged.min(by: { $0.value < $1.value })?.key { forget(oldest) }
            } else {
                for old in expired { forget(old) }
            }
        }
        lastLogged[key] = now
        return heldBack.removeValue(forKey: key) ?? 0
    }

    private mutating func forget(_ key: String) {
        lastLogged[key] = nil
        heldBack[key] = nil
    }
}
