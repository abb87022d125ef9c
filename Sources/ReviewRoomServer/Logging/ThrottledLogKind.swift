import Logging

/// Something that can go wrong over and over across many sessions — a kind of store write
/// failing, a kind of connection the daemon closes — whose lines ``LogThrottle`` keeps to a few
/// a minute: the first in full, then a counted summary per interval.
protocol ThrottledLogKind: Hashable, CaseIterable, Sendable {
    /// The line of the first occurrence, logged in full with its session and details.
    var failureMessage: String { get }
    /// The level of its lines.
    var failureLevel: Logger.Level { get }
    /// The summary of `count` occurrences in `sessions` sessions over `span` ("the last minute"),
    /// `logged` of which (0 or 1: a stretch's first) already had a line of its own.
    func summaryMessage(count: Int, logged: Int, sessions: Int, span: String) -> String
    /// The notice that it works again after `total` failures (said only by a kind that reports
    /// successes: see ``endsWhenQuiet``).
    func recoveryMessage(total: Int) -> String
    /// Whether a stretch of occurrences ends by itself after an interval with none: true for an
    /// event with no success to report (a forced close), whose next occurrence after a quiet
    /// interval is logged in full again; false for a write, whose stretch ends at its success.
    var endsWhenQuiet: Bool { get }
    /// This kind's bit in a set of kinds held in one word (``ThrottledLog`` reads which kinds are
    /// failing without taking its lock).
    var bit: UInt8 { get }
}

extension ThrottledLogKind {
    /// "1 failure", "3 failures".
    static func count(_ n: Int, _ noun: String) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
    }
}
