/// Why the daemon closed a joined connection with 4029 on its own, logged as a warning when it
/// does (an overflow as the connection is closed, a flood as it leaves its session): the journal's
/// answer to "why does this person keep being disconnected?". Logged by session, participant id
/// and connection id, never a token.
enum ForcedClose: Sendable {
    /// More than 100 messages refused as `rate_limited` within 2 s (PROTOCOL §3.5).
    case rateLimit
    /// Its unsent output passed `outbox_limit_bytes`: too slow a reader.
    case outboxOverflow

    /// The log line: what happened, what the client does, and what to do if it keeps happening.
    func message(limits: LiveLimits) -> String {
        switch self {
        case .rateLimit:
            "closed a connection with 4029: it kept sending after its messages were refused as rate_limited "
                + "(more than \(limits.messagesPerSecond) a second, bursts to \(limits.messageBurst)); the client "
                + "reconnects and resumes. A browser does not send this fast: if this repeats for one participant, "
                + "look for a script or a stuck page using their link, or raise messages_per_second and message_burst"
        case .outboxOverflow:
            "closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes; "
                + "the client reconnects and resumes. If this repeats, the participant's network is too slow for "
                + "the session's traffic (or the server is short of CPU: see reviewroom_send_wait_seconds); "
                + "raising outbox_limit_bytes lets it fall further behind before it is closed"
        }
    }
}
