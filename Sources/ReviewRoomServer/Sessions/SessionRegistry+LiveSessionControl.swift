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

    /// Runs a facilitator's `change` on the session's actor. An actor that had stopped before
    /// applying it (retired as idle by a concurrent request, or stopped by a failed write) is
    /// dropped and the session loaded afresh, so concurrent requests never see "restarting";
    /// a session deleted meanwhile is then `not_found`.
    private func change<T: Sendable>(_ session: SessionID, _ change: (SessionActor) async throws -> T) async throws -> T {
        for _ in 0..<3 {
            let actor = try await existing(session)
            do {
                return try await change(actor)
            } catch is SessionActorStopped {
                forget(session)
            }
        }
        throw CommandError(code: .internal, message: "session \(session) is restarting; try again")
    }

    /// Applies a PATCH through the session's actor (see ``LiveSessionControl``).
    public func edit(session: SessionID, _ edit: SessionEdit, by facilitator: FacilitatorID?, at: Timestamp) async throws -> SessionState {
        let state = try await change(session) { try await $0.edit(edit, by: facilitator, at: at) }
        await unloadIfIdle(session)
        return state
    }

    /// Records `participant.changed` for an added participant.
    public func addParticipant(session: SessionID, _ participant: Participant, by facilitator: FacilitatorID?, at: Timestamp) async throws {
        try await change(session) { try await $0.addParticipant(participant, by: facilitator, at: at) }
        await unloadIfIdle(session)
    }

    /// Records the removal and closes the participant's connections with 4003.
    public func removeParticipant(session: SessionID, participant: String, by facilitator: FacilitatorID?, at: Timestamp) async throws {
        try await change(session) { try await $0.removeParticipant(participant, by: facilitator, at: at) }
        await unloadIfIdle(session)
    }

    /// Closes the participant's connections with 4003.
    public func disconnect(session: SessionID, participant: String) async {
        // Only a loaded session has connections.
        guard let actor = loaded(session) else { return }
        await actor.disconnect(participant)
    }

    /// Erases the session with `erase` so that nobody hears of the deletion before it is
    /// committed (see ``LiveSessionControl/delete(session:erasing:)``).
    public func delete(session: SessionID, erasing erase: @Sendable () async throws -> Void) async throws {
        erasing[session, default: 0] += 1
        let live = loaded(session)
        await live?.beginErasing()
        do {
            try await erase()
        } catch let error as StoreError where error.code == .unknownSession {
            // Erased by a concurrent request meanwhile: gone all the same.
            await closeErased(session, live)
            throw error
        } catch {
            endErasing(session)
            let again = loaded(session)
            await live?.erasingFailed()
            if let again, again !== live { await again.erasingFailed() }
            forget(session)
            // Loaded afresh so its timers run again (an `autoStart`, a phase's time-up) with
            // nobody connected; unloaded at once when it has none. Another DELETE still under
            // way freezes it as it loads.
            if live != nil || again != nil, (try? await actor(for: session)) != nil { await unloadIfIdle(session) }
            throw error
        }
        await closeErased(session, live)
    }

    /// One erasure of `session` is over (committed or failed).
    private func endErasing(_ session: SessionID) {
        erasing[session] = erasing[session].flatMap { $0 > 1 ? $0 - 1 : nil }
    }

    /// Closes the connections of an erased session with 4004: those of `live`, frozen by
    /// ``delete(session:erasing:)``, and those of an actor a request loaded meanwhile from the
    /// rows being erased (frozen as it loaded).
    private func closeErased(_ session: SessionID, _ live: SessionActor?) async {
        endErasing(session)
        await live?.deleted()
        if let again = loaded(session), again !== live {
            await again.waitUntilDurable()
            await again.deleted()
        }
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
