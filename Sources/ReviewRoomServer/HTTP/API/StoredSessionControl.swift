import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

/// A ``LiveSessionControl`` for a daemon without live sessions: it works on the stored
/// definition alone (no session actors, so nothing to broadcast or disconnect).
///
/// It is the stand-in until the live-sessions registry is wired into `serve`; it does not record
/// `session.changed`/`participant.changed` events (that needs the session's sequencer), and its
/// record has no notes or event log. Edits are still checked by the core
/// (`SessionState.apply(_:at:)`) and saved with `Store.updateSession`.
public struct StoredSessionControl: LiveSessionControl {
    /// Where sessions are kept.
    public let store: Store

    /// A control over `store`.
    public init(store: Store) { self.store = store }

    /// Checks the edit with the core and saves the new definition.
    public func edit(session: SessionID, _ edit: SessionEdit, at: Timestamp) async throws -> SessionState {
        guard let stored = try await store.session(session), var state = try await state(session: session, at: at) else {
            throw CommandError(code: .notFound, message: "no session \(session)")
        }
        if case .failure(let error) = state.apply(edit, at: at) { throw error }
        let reschedule = state.info.startsAt != stored.definition.startsAt || state.info.timeZone != stored.definition.timeZone
        _ = try await store.updateSession(session, definition: SessionDefinitionCoding.definition(stored.definition, updatedFrom: state),
                                          reschedule: reschedule)
        return state
    }

    /// Nothing is live, so there is nobody to tell.
    public func addParticipant(session: SessionID, _ participant: ReviewRoomCore.Participant, at: Timestamp) async throws {}

    /// Nothing is live, so there is nobody to tell or disconnect.
    public func removeParticipant(session: SessionID, participant: String, at: Timestamp) async throws {}

    /// Nothing is live, so there is nobody to disconnect.
    public func disconnect(session: SessionID, participant: String) async {}

    /// Nothing is live, so there is nothing to close.
    public func deleted(session: SessionID) async {}

    /// The session as scheduled.
    public func state(session: SessionID, at: Timestamp) async throws -> SessionState? {
        guard let stored = try await store.session(session) else { return nil }
        let participants = try await store.participants(of: session)
        return try SessionDefinitionCoding.initialState(of: stored, participants: participants)
    }

    /// The session as scheduled, without notes or events.
    public func recordInput(session: SessionID, at: Timestamp) async throws -> RecordInput? {
        guard let state = try await state(session: session, at: at) else { return nil }
        return RecordInput(state: state, notes: [], events: [], generatedAt: at)
    }
}
