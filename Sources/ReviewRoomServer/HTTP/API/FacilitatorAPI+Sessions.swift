import ReviewRoomCore
import ReviewRoomStore

extension FacilitatorAPI {
    /// What `POST /api/v1/sessions` made: the stored session, its state and every invite.
    struct Creation: Sendable {
        var session: StoredSession
        var state: SessionState
        var invites: [IssuedInvite]
    }

    /// Schedules a session for `owner` from a checked request; the owner is invited first, as
    /// `facilitator`. Shared by `POST /api/v1/sessions` and `serve --demo`.
    func create(owner: Facilitator, from request: SessionRequest) async throws -> Creation {
        let follows = try await followedSession(request.followsSession, owner: owner.id)
        return try await create(ownerName: owner.name, ownerID: owner.id, from: request) { definition, people in
            try await store.createSession(owner: owner.id, definition: definition, participants: people, followsSession: follows)
        }
    }

    /// `followsSession` of a `POST`, when given: one of `owner`'s own sessions (400 otherwise, as
    /// for any other id in the body that names nothing, e.g. an unknown template). A session of
    /// another facilitator is refused in the same words as one that does not exist, as `GET` does
    /// with 404 for both, so nobody learns another facilitator's session ids.
    func followedSession(_ id: SessionID?, owner: FacilitatorID) async throws -> SessionID? {
        guard let id else { return nil }
        guard let followed = try await store.session(id), followed.owner == owner else {
            throw APIError.badRequest("followsSession: '\(id)' is not one of your sessions (GET /api/v1/sessions lists them)")
        }
        return followed.id
    }

    /// Adds facilitator `name` and schedules their session from a checked request, with the ids
    /// and tokens `plan` names, in one store transaction (`serve --demo`: the plan is written
    /// down first, so a crash before the commit makes this same session at the next start).
    func create(newOwner name: String, plan: SessionPlan, from request: SessionRequest) async throws -> Creation {
        try await create(ownerName: name, ownerID: FacilitatorID(plan.facilitatorID), from: request) { definition, people in
            try await store.createSession(plan, owner: name, definition: definition, participants: people)
        }
    }

    private func create(ownerName: String, ownerID: FacilitatorID, from request: SessionRequest,
                        storing: (SessionDefinition, [NewParticipant]) async throws -> CreatedSession) async throws -> Creation {
        let info = try request.validatedInfo(now: now())
        let agenda = request.agenda ?? []
        let deck = request.deck ?? []
        let notes = request.notes ?? SessionRequest.defaultNotes
        // No e-mail is stored for anyone invited (``InviteRequest/email``), the owner included.
        // The owner's participant is theirs by id: their console joins as it.
        let people = [NewParticipant(name: ownerName, role: Role.facilitator.rawValue, actsFor: ownerID)]
            + (request.participants ?? []).map { NewParticipant(name: $0.name, role: $0.role.rawValue) }
        let created = try await storing(SessionDefinitionCoding.definition(info: info, agenda: agenda, deck: deck, notes: notes), people)
        let state = try SessionDefinitionCoding.initialState(of: created.session, participants: created.invites.map(\.participant))
        if info.autoStart {
            // Loaded now so its start timer runs: otherwise nothing loads it until someone joins
            // or asks for it, and it would start then, late, with nobody online at `startsAt`.
            _ = try await live.state(session: created.session.id, at: now())
        }
        logger.info("session scheduled", metadata: ["session": "\(created.session.id)", "facilitator": "\(created.session.owner)"])
        return Creation(session: created.session, state: state, invites: created.invites)
    }

    @Sendable func createSession(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let request = try SessionRequest(body: context.request.http.body)
        let creation = try await create(owner: context.facilitator, from: request)
        struct Reply: Encodable { var session: SessionReply; var invites: [InviteReply] }
        return JSONReply.response(201, Reply(session: try await reply(creation.state, session: creation.session),
                                             invites: creation.invites.map { InviteReply($0, publicURL: publicURL) }))
    }

    @Sendable func listSessions(_ context: APIContext) async throws -> HTTPResponseBuilder {
        var replies: [SessionReply] = []
        for session in try await store.sessions(ownedBy: context.facilitator.id) {
            // A session deleted between the listing and this read is simply left out.
            guard let state = try await live.state(session: session.id, at: now()) else { continue }
            replies.append(try await reply(state, session: session))
        }
        return JSONReply.response(200, replies)
    }

    @Sendable func getSession(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        return JSONReply.response(200, try await reply(try await state(of: session), session: session))
    }

    @Sendable func patchSession(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let current = try await state(of: session)
        let request = try SessionRequest(body: context.request.http.body, forEdit: true, currentAgenda: current.agenda,
                                         currentDeck: current.prompts.deck)
        let edit = SessionEdit(title: request.title, focus: request.focus, startsAt: request.startsAt,
                               timeZone: request.timeZone, agenda: request.agenda, deck: request.deck)
        let state = try await live.edit(session: session.id, edit, by: context.facilitator.id, at: now())
        return JSONReply.response(200, try await reply(state, session: session))
    }

    @Sendable func deleteSession(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        try await live.delete(session: session.id) { [store] in try await store.deleteSession(session.id) }
        logger.info("session deleted", metadata: ["session": "\(session.id)", "facilitator": "\(context.facilitator.id)"])
        return JSONReply.noContent
    }

    /// The reply for `session` in `state` now; with `retention_days`, when it will be erased
    /// (its last use read after the change this request made, if any).
    func reply(_ state: SessionState, session: StoredSession) async throws -> SessionReply {
        var reply = SessionReply(state, session: session, at: now())
        if let retention, let lastUse = try await store.lastUse(of: session.id) {
            reply.erasesAt = retention.erasesAt(lastUse: lastUse)
        }
        return reply
    }
}
