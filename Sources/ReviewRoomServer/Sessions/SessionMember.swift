import WebSocketTransport

/// One connection joined to a session.
struct SessionMember {
    /// The connection.
    let connection: WebSocketConnection
    /// Who it speaks for.
    let participantID: String
    /// The seq its `welcome`/`resumed` brought it to: it gets events after it, and
    /// ephemeral messages queued at or after it.
    let fromSeq: Int64
}
