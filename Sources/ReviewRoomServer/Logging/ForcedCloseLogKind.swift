import Logging

/// Connections the daemon closes on its own that can come by the hundred at once (a slow
/// network or a starved server leaves many readers behind together), logged through a
/// daemon-wide ``ThrottledLog``: the first in full with its session, participant and
/// connection, then one count a minute, never one line per connection.
enum ForcedCloseLogKind: String, CaseIterable, Sendable, ThrottledLogKind {
    /// Closed with 4029: its unsent output passed `outbox_limit_bytes` (too slow a reader).
    case outboxOverflow

    /// The first close of a stretch, logged in full (Operations quotes it).
    var failureMessage: String {
        "closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes; "
            + "the client reconnects and resumes. If this repeats, the participant's network is too slow for "
            + "the session's traffic (or the server is short of CPU: see reviewroom_send_wait_seconds); "
            + "raising outbox_limit_bytes lets it fall further behind before it is closed"
    }

    /// A warning: the daemon is fine, a client (or the server's CPU) is not keeping up.
    var failureLevel: Logger.Level { .warning }

    /// "closed N more connections with 4029 for outbox overflow in M sessions in the last
    /// minute": those not logged in full.
    func summaryMessage(count: Int, logged: Int, sessions: Int, span: String) -> String {
        let more = count - logged
        return "closed \(more == 1 ? "1 more connection" : "\(more) more connections") with 4029 for outbox overflow "
            + "in \(Self.count(sessions, "session")) in \(span) (each read too slowly for outbox_limit_bytes)"
    }

    /// Never said: a forced close has no success; its stretch ends after a quiet interval.
    func recoveryMessage(total: Int) -> String { "" }

    /// A quiet interval ends a stretch: the next close after it is logged in full.
    var endsWhenQuiet: Bool { true }

    /// Its bit among the kinds of its log.
    var bit: UInt8 { 1 }
}
