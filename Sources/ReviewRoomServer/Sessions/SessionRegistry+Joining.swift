import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

extension SessionRegistry {
    /// Where a connection's `hello` got it.
    enum JoinResult: Sendable {
        /// Joined `session` (served by the actor) as `participant`.
        case joined(SessionActor, SessionID, participant: String)
        /// Refused; the connection was (or is to be) closed with `code`.
        case refused(code: UInt16, error: ProtocolError?)
        /// Already answered and closed (`not_open`, or `rate_limited` for one connection too many).
        case closed
    }

    /// Adds the owner's own participant to a session that has none (made without it, or whose
    /// one was revoked, or transferred to them): the owner gets one on first join, even to look
    /// at an ended one. Two consoles of the owner joining at once (two tabs restored together)
    /// each added one; a join while one is being added now waits for it and joins as it.
    private func addOwnParticipant(of owner: Facilitator, to session: SessionID, in actor: SessionActor) async throws -> String {
        let key = OwnParticipantKey(session: session, owner: owner.id)
        if let adding = ownParticipantAdds[key] { return try await adding.value }
        let task = Task { [store, clock] () throws -> String in
            // One added since the caller looked (by a join whose add is already over) is the one.
            if let own = await actor.facilitatorParticipant(of: owner.id) { return own.id }
            let invite = try await store.addParticipant(NewParticipant(name: owner.name, role: Role.facilitator.rawValue,
                                                                       actsFor: owner.id), to: session)
            let added = Participant(id: invite.participant.id.rawValue, name: owner.name, role: .facilitator)
            try await actor.addParticipant(added, by: nil, at: clock.now(), evenAfterTheEnd: true, actingFor: owner.id)
            return added.id
        }
        ownParticipantAdds[key] = task
        defer { ownParticipantAdds[key] = nil }
        return try await task.value
    }

    /// Authenticates a `hello` and joins the session it names.
    func join(_ hello: ClientHello, connection: WebSocketConnection) async -> JoinResult {
        let unauthorized = JoinResult.refused(code: CloseCode.badToken.rawValue,
                                              error: ProtocolError(code: .unauthorized, message: "the token is unknown, revoked or empty", id: nil))
        let goingAway = JoinResult.refused(code: CloseCode.goingAway.rawValue, error: nil)
        guard !isStopping else { return goingAway }
        do {
            let sessionID: SessionID
            var participantID: String?
            var owner: Facilitator?
            var console: FacilitatorID?
            switch hello.credential {
            case .invite(let token):
                guard !token.isEmpty, let auth = try await store.authenticateParticipant(token: token), !auth.participant.revoked else {
                    return unauthorized
                }
                sessionID = auth.session
                participantID = auth.participant.id.rawValue
            case .facilitator(let token, let session):
                guard !token.isEmpty, let facilitator = try await store.authenticateFacilitator(token: token),
                      let stored = try await store.session(SessionID(session)), stored.owner == facilitator.id else {
                    // One answer for every case, so a token cannot probe which sessions exist.
                    return .refused(code: CloseCode.badToken.rawValue, error: ProtocolError(
                        code: .unauthorized, message: "the facilitator token is unknown, revoked or empty, "
                            + "or the session does not exist (or was deleted) or is not one of its sessions", id: nil))
                }
                sessionID = stored.id
                owner = facilitator
                console = facilitator.id
            }
            // The awaits above may have spanned the start of a graceful shutdown: load nothing then.
            guard !isStopping else { return goingAway }
            guard let actor = try await actor(for: sessionID) else { return unauthorized }
            if let owner {
                if let own = await actor.facilitatorParticipant(of: owner.id) {
                    participantID = own.id
                } else {
                    participantID = try await addOwnParticipant(of: owner, to: sessionID, in: actor)
                }
            }
            guard let participantID else { return unauthorized }
            // A participant joining more often than `reconnects_per_minute` waits for their turn
            // (never refused); the connection's later messages and its close wait behind it.
            if let turn = joinTurn(for: participantID, in: sessionID) {
                do { try await clock.sleep(until: turn) } catch { return goingAway }
                guard !isStopping else { return goingAway }
            }
            var target = actor
            for attempt in 0..<2 {
                var older: [EventRecord] = []
                if let resume = hello.resume { older = await target.olderEvents(for: resume) ?? [] }
                guard !isStopping else { return goingAway }
                switch await target.join(connection, as: participantID, console: console, resume: hello.resume, older: older) {
                case .joined: return .joined(target, sessionID, participant: participantID)
                case .unknownParticipant: return unauthorized
                case .notOpen, .tooManyConnections: return .closed
                case .stopped:
                    // Unloaded while this hello was on its way: load it afresh once.
                    guard attempt == 0, let fresh = try await self.actor(for: sessionID) else { break }
                    target = fresh
                }
            }
            return goingAway
        } catch {
            logger.error("hello failed", metadata: ["error": "\(error)"])
            return .refused(code: CloseCode.goingAway.rawValue, error: ProtocolError(
                code: .internal, message: "the server could not load the session; reconnect", id: nil))
        }
    }
}
