import Logging

/// Connections the daemon closes with 4029 on its own, which can come by the hundred at once (a
/// slow network or a starved server leaves many readers behind together; a script floods from
/// many tabs and reconnects each time), logged through a daemon-wide ``ThrottledLog``: the
/// first of a stretch in full with its session, participant and connection, then one count a
/// minute per kind, never one line per connection.
enum ForcedCloseLogKind: String, CaseIterable, Sendable, ThrottledLogKind {
    /// Closed with 4029: its unsent output passed `outbox_limit_bytes` (too slow a reader).
    case outboxOverflow
    /// Closed with 4029: more than 100 messages refused as `rate_limited` within 2 s
    /// (PROTOCOL §3.4): it kept sending after its refusals.
    case rateLimit

    /// The first close of a stretch, logged in full (Operations quotes it).
    var failureMessage: String {
        switch self {
        case .outboxOverflow:
            "closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes; "
                + "the client reconnects and resumes. If this repeats, the participant's network is too slow for "
                + "the session's traffic (or the server is short of CPU: see reviewroom_send_wait_seconds); "
                + "raising outbox_limit_bytes lets it fall further behind before it is closed"
        case .rateLimit:
            "closed a connection with 4029: it kept sending after its messages were refused as rate_limited "
                + "(beyond messages_per_second and message_burst: see this line's limits); the client reconnects "
                + "and resumes. A browser does not send this fast: if this repeats for one participant, look for a "
                + "script or a stuck page using their link, or raise messages_per_second and message_burst"
        }
    }

    /// A warning: the daemon is fine, a client (or the server's CPU) is not keeping up.
    var failureLevel: Logger.Level { .warning }

    /// "closed N more connections with 4029 for outbox overflow in M sessions in the last
    /// minute" (or "for flooding"): those not logged in full.
    func summaryMessage(count: Int, logged: Int, sessions: Int, span: String) -> String {
        let more = count - logged
        let closed = "closed \(more == 1 ? "1 more connection" : "\(more) more connections") with 4029 for"
        let within = "in \(Self.count(sessions, "session")) in \(span)"
        return switch self {
        case .outboxOverflow: "\(closed) outbox overflow \(within) (each read too slowly for outbox_limit_bytes)"
        case .rateLimit: "\(closed) flooding \(within) (each kept sending after rate_limited refusals)"
        }
    }

    /// Never said: a forced close has no success; its stretch ends after a quiet interval.
    func recoveryMessage(total: Int) -> String { "" }

    /// A quiet interval ends a stretch: the next close after it is logged in full.
    var endsWhenQuiet: Bool { true }

    /// Its bit among the kinds of its log.
    var bit: UInt8 {
        switch self {
        case .outboxOverflow: 1
        case .rateLimit: 2
        }
    }
}
