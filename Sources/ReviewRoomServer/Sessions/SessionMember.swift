import WebSocketTransport

/// One connection joined to a session.
struct SessionMember {
    /// The connection.
    let connection: WebSocketConnection
    /// Who it speaks for.
    let participantID: String
    /// The seq its `welcome`/`resumed` brought it to: it gets the events after it.
    let fromSeq: Int64
    /// Whether its welcome/resumed has been sent: ephemeral messages go only to welcomed
    /// members, so nothing reaches a connection before its welcome.
    var welcomed = false
}
