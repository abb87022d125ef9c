import ReviewRoomCore

extension Store {
    /// Adds facilitator `owner` (id and token from `plan`) and schedules their session `plan`
    /// names, inviting `participants` (in order, one per ``SessionPlan/invitees`` entry): all in
    /// one transaction, so a crash leaves the whole of it stored or none. Returns the session.
    ///
    /// `serve --demo` writes the plan down first; after a crash before the commit it makes the
    /// same session again, never a second one.
    /// - Throws: `.invalidInput` for an empty title, a bad participant, a facilitator name the
    ///   store refuses or a plan with another number of invitees; a `.sqlite` constraint error
    ///   when the facilitator or session already exists (nothing is stored then).
    public func createSession(_ plan: SessionPlan, owner name: String, definition: SessionDefinition,
                              participants: [NewParticipant]) async throws -> CreatedSession {
        if let problem = Self.facilitatorInputProblem(name: name, email: nil) { throw StoreError(.invalidInput, problem) }
        try Self.validate(definition, participants)
        guard plan.invitees.count == participants.count else {
            throw StoreError(.invalidInput, "the plan has \(plan.invitees.count) invitees for \(participants.count) participants")
        }
        let now = configuration.now()
        let owner = Facilitator(id: FacilitatorID(plan.facilitatorID), name: String(name.trimmingWhitespace()), email: nil,
                                createdAt: now, revokedAt: nil)
        return try await write { connection in
            try Self.insert(owner, token: plan.facilitatorToken, connection)
            return try Self.insertSession(SessionID(plan.sessionID), epoch: plan.epoch, owner: owner.id, definition: definition,
                                          participants: participants, secrets: plan.invitees.map { ($0.id, $0.token) },
                                          at: now, connection)
        }
    }

    /// Whether facilitator `id` was ever added (a revoked one too).
    public func facilitatorExists(_ id: FacilitatorID) async throws -> Bool {
        try await read { connection in
            (try connection.integer("SELECT count(*) FROM facilitators WHERE id = ?1") { try $0.bind(1, id.rawValue) } ?? 0) > 0
        }
    }
}
