import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

extension SessionRegistry: LiveSessionControl {
    private func existing(_ session: SessionID) async throws -> SessionActor {
        guard let actor = try await actor(for: session) else {
            throw CommandError(code: .notFound, message: "there is no session \(session)")
        }
        return actor
    }

    /// Applies a PATCH through the session's actor (see ``LiveSessionControl``).
    public func edit(session: SessionID, _ edit: SessionEdit, by facilitator: String?, at: Timestamp) async throws -> SessionState {
        let state = try await existing(session).edit(edit, by: facilitator, at: at)
        await unloadIfIdle(session)
        return state
    }

    /// Records `participant.changed` for an added participant.
    public func addParticipant(session: SessionID, _ participant: Participant, by facilitator: String?, at: Timestamp) async throws {
        try await existing(session).addParticipant(participant, by: facilitator, at: at)
        await unloadIfIdle(session)
    }

    /// Records the removal and closes the participant's connections with 4003.
    public func removeParticipant(session: SessionID, participant: String, by facilitator: String?, at: Timestamp) async throws {
        try await existing(session).removeParticipant(participant, by: facilitator, at: at)
        await unloadIfIdle(session)
    }

    /// Closes the participant's connections with 4003.
    public func disconnect(session: SessionID, participant: String) async {
        // Only a loaded session has connections.
        guard let actor = loaded(session) else { return }
        await actor.disconnect(participant)
    }

    /// Closes every connection of the session with 4004 and forgets it.
    public func deleted(session: SessionID) async {
        guard let actor = loaded(session) else { return }
        await actor.waitUntilDurable()
        await actor.deleted()
        forget(session)
    }

    /// The current state, or nil for an unknown session.
    public func state(session: SessionID, at: Timestamp) async throws -> SessionState? {
        guard let actor = try await actor(for: session) else { return nil }
        let state = await actor.state
        await unloadIfIdle(session)
        return state
    }

    /// The review record's input, or nil for an unknown session.
    public func recordInput(session: SessionID, at: Timestamp) async throws -> RecordInput? {
        guard let actor = try await actor(for: session) else { return nil }
        let input = try await actor.recordInput(at: at)
        await unloadIfIdle(session)
        return input
    }
}
