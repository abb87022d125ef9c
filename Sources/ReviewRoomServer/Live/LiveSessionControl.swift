// CONTRACT FILE — what the HTTP API (facilitator endpoints) asks of live sessions.
// `SessionRegistry` (live-sessions work) implements it; the HTTP API codes against it.
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

/// Changes that the HTTP API makes to sessions which must be sequenced, recorded as events and
/// broadcast by the session's actor (loading the session if it is not live).
///
/// `by` is the facilitator making the change (the API caller): the event is recorded with
/// their own participant in the session (``ReviewRoomStore/StoredParticipant/actsFor``) as its
/// author, so the review record's log says who did it (nil, or a facilitator without their own
/// participant there, records no author). Never a co-facilitator who shares their name.
///
/// Errors: a `CommandError` (e.g. `invalid_state` when a PATCH touches the current or a past
/// phase, mapped to 409; `not_found` when the session does not exist, 404) or a `StoreError`.
public protocol LiveSessionControl: Sendable {
    /// Applies a PATCH: the core validates it, `session.changed` is recorded (durably, with a seq)
    /// in one store transaction with the new stored definition and, when the calendar event reads
    /// differently, its `SEQUENCE` bump (`Store.append(_:to:changing:completion:)`), then
    /// broadcast to live clients. Returns the state afterwards.
    func edit(session: SessionID, _ edit: SessionEdit, by facilitator: FacilitatorID?, at: Timestamp) async throws -> SessionState
    /// Records `participant.changed` for a participant the store just added (call after
    /// `Store.addParticipant`), and broadcasts it. Throws `session_ended` once the session has
    /// ended: nobody new joins an ended session (withdraw the stored invite,
    /// `Store.withdrawInvite`).
    func addParticipant(session: SessionID, _ participant: ReviewRoomCore.Participant, by facilitator: FacilitatorID?, at: Timestamp) async throws
    /// Records `participant.changed` for a participant the store just revoked (call after
    /// `Store.revokeParticipant`), broadcasts it, and closes their connections with 4003. Once
    /// the session has ended it only closes their invite-link connections with 4003: the ended
    /// session keeps listing them (no event).
    func removeParticipant(session: SessionID, participant: String, by facilitator: FacilitatorID?, at: Timestamp) async throws
    /// Closes the participant's live connections with 4003 (after `Store.reissueInvite`).
    func disconnect(session: SessionID, participant: String) async
    /// Deletes the session: `erase` is the store's erasure (`Store.deleteSession`). The live
    /// session first stops deciding (so no event is appended to an erased session) while its
    /// connections stay open; only once `erase` has committed are they closed with 4004 (final
    /// for a client), so a crash in between never leaves clients told "deleted" about a session
    /// that is still stored. When `erase` throws they are closed with 1001 (reconnect and
    /// resume) and the error is rethrown; when it throws `unknownSession` (erased meanwhile by a
    /// concurrent request) they are closed with 4004 and the error is rethrown.
    func delete(session: SessionID, erasing erase: @Sendable () async throws -> Void) async throws
    /// The session's current state (status, agenda, prompts…), loading it if needed; nil if unknown.
    func state(session: SessionID, at: Timestamp) async throws -> SessionState?
    /// Everything the review record needs (state, notes with history, event log), or nil if unknown.
    func recordInput(session: SessionID, at: Timestamp) async throws -> RecordInput?
}
