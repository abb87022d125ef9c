/// Paces lines about something anyone can cause at will and as fast as they like (a wrong token,
/// over and over): up to ``linesPerInterval`` lines in each ``intervalSeconds``, then none until
/// the next interval, whose first line says how many were left out. Each refusal used to write
/// a line: a script guessing tokens wrote about 2.4 GB of log an hour. Pure: the caller passes
/// the time (seconds on a monotonic clock).
struct LogBudget: Sendable, Equatable {
    /// What to do with one occurrence.
    enum Decision: Sendable, Equatable {
        /// Log it, saying that `leftOut` lines were not written before it (0: none).
        case log(leftOut: Int)
        /// Write nothing: counted, and told with the next line logged.
        case skip
    }

    /// Lines written at most per interval.
    let linesPerInterval: Int
    /// The interval's length.
    let intervalSeconds: Double
    private var intervalStart: Double?
    private var written = 0
    private var leftOut = 0

    /// A budget of `linesPerInterval` lines every `intervalSeconds`.
    init(linesPerInterval: Int = 20, intervalSeconds: Double = 60) {
        self.linesPerInterval = linesPerInterval
        self.intervalSeconds = intervalSeconds
    }

    /// It happened at `now`.
    mutating func occurred(at now: Double) -> Decision {
        if let intervalStart, now >= intervalStart, now - intervalStart < intervalSeconds {
            guard written < linesPerInterval else {
                leftOut += 1
                return .skip
            }
            written += 1
            return .log(leftOut: 0)
        }
        intervalStart = now
        written = 1
        defer { leftOut = 0 }
        return .log(leftOut: leftOut)
    }
}
