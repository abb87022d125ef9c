/// Paces a warning about something that can come many times a second from one cause (browsers
/// retrying through a proxy that drops the WebSocket upgrade): the first occurrence is logged,
/// then at most one line per ``intervalSeconds``, each saying how many came since the last line.
/// Pure: the caller passes the time (seconds on a monotonic clock).
struct RepeatedWarning: Sendable, Equatable {
    /// The least time between two lines.
    let intervalSeconds: Double
    private var lastLogged: Double?
    private var untold = 0

    /// A warning logged at most once per `intervalSeconds`.
    init(intervalSeconds: Double = 60) {
        self.intervalSeconds = intervalSeconds
    }

    /// It happened at `now`: the number of occurrences the line to log now reports (this one
    /// and those held back since the last line), or nil to log nothing.
    mutating func occurred(at now: Double) -> Int? {
        untold += 1
        if let lastLogged, now - lastLogged < intervalSeconds, now >= lastLogged { return nil }
        lastLogged = now
        defer { untold = 0 }
        return untold
    }
}
