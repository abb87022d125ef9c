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
    /// The facilitator whose powers it carries: a console's, or the owner whose own participant
    /// joined by invite link (``SessionActor/ownParticipants``). Closed with 4003 once that
    /// facilitator is revoked (``SessionActor/closeConsoles(of:)``); counted in ``ConsoleIndex``.
    let facilitator: FacilitatorID?
    /// The seq its `welcome`/`resumed` brought it to: it gets the events after it.
    let fromSeq: Int64
    /// Whether its welcome/resumed has been sent: ephemeral messages go only to welcomed
    /// members, so nothing reaches a connection before its welcome.
    var welcomed = false
    /// Whether the server queued its close with 4003 (its link reissued or revoked, or its
    /// console's facilitator revoked; queued once). What it sends after that is not decided: the
    /// acks would queue behind the close and never leave, so an edit applied then was in the
    /// record while its author's page, told only 4003, offered it as never saved.
    var closing = false
    /// Whether it still counts against its participant's ``ConnectionCap``: false once the
    /// server queued its close for a reissued or revoked link (its slot is then free at once).
    var holdsSlot = true
    /// Whether its close for outbox overflow was logged (it is logged once).
    var overflowLogged = false
}
