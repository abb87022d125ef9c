/// Why the daemon closed a joined connection with 4029 on its own for a flood, logged as a
/// warning as it leaves its session: the journal's answer to "why does this person keep being
/// disconnected?". Logged by session, participant id and connection id, never a token. (A close
/// for outbox overflow can come by the hundred at once and is logged through a throttle:
/// ``ForcedCloseLogKind``.)
enum ForcedClose: Sendable {
    /// More than 100 messages refused as `rate_limited` within 2 s (PROTOCOL §3.5).
    case rateLimit

    /// The log line: what happened, what the client does, and what to do if it keeps happening.
    func message(limits: LiveLimits) -> String {
        switch self {
        case .rateLimit:
            "closed a connection with 4029: it kept sending after its messages were refused as rate_limited "
                + "(more than \(limits.messagesPerSecond) a second, bursts to \(limits.messageBurst)); the client "
                + "reconnects and resumes. A browser does not send this fast: if this repeats for one participant, "
                + "look for a script or a stuck page using their link, or raise messages_per_second and message_burst"
        }
    }
}
