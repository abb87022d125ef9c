import ReviewRoomStore
import WebSocketTransport

/// One connection joined to a session.
struct SessionMember {
    /// The connection.
    let connection: WebSocketConnection
    /// Who it speaks for.
    let participantID: String
    /// For a console (a `hello` with a facilitator token), whose token it joined with: the
    /// connection is closed with 4003 once that facilitator is revoked.
    let console: FacilitatorID?
    /// The seq its `welcome`/`resumed` brought it to: it gets the events after it.
    let fromSeq: Int64
    /// Whether its welcome/resumed has been sent: ephemeral messages go only to welcomed
    /// members, so nothing reaches a connection before its welcome.
    var welcomed = false
    /// Whether its close for the console's revoked facilitator is queued (it is queued once).
    var revokedConsole = false
    /// Whether it still counts against its participant's ``ConnectionCap``: false once the
    /// server queued its close for a reissued or revoked link (its slot is then free at once).
    var holdsSlot = true
    /// Whether its close for outbox overflow was logged (it is logged once).
    var overflowLogged = false
}
