extension Store {
    /// Invites one more person to session `id`; returns their one-time token.
    ///
    /// `refusing`, when given, is asked in the same write transaction with the data of the
    /// session's latest stored `clock.changed` event (nil when its clock never changed); true
    /// refuses the invite and stores nothing. Events are stored by the same writer, so an event
    /// stored before the invite is seen, however late the caller's own check was made (the HTTP
    /// API refuses an invite to a session whose stored clock says it has ended).
    ///
    /// `atMost`, when given, bounds how many people the session may have been invited, revoked
    /// ones included (their rows stay): checked in the same write, so requests racing each
    /// other cannot pass it together.
    /// - Throws: `.unknownSession`; `.invalidInput` for an empty name or role; `.refused`;
    ///   `.limitReached` when the session already has `atMost` invitations.
    public func addParticipant(_ participant: NewParticipant, to id: SessionID,
                               refusing: (@Sendable (_ lastClockChange: String?) -> Bool)? = nil,
                               atMost limit: Int? = nil) async throws -> IssuedInvite {
        try Self.validate(participant)
        let participantID = ParticipantID(try SecretToken.identifier(prefix: "p_"))
        let token = try SecretToken.generate()
        return try await write { [writer] connection in
            guard try Self.sessionRow(connection, id) != nil else {
                throw StoreError(.unknownSession, "cannot invite '\(participant.name)' to session \(id): no such session is stored")
            }
            if let refusing, refusing(try Self.lastClockChange(connection, id, journal: writer.journalDirectory)) {
                throw StoreError(.refused, "cannot invite '\(participant.name)' to session \(id): its stored clock refuses new people")
            }
            if let limit {
                let invited = try connection.integer("SELECT count(*) FROM participants WHERE session = ?1") {
                    try $0.bind(1, id.rawValue)
                } ?? 0
                guard invited < limit else {
                    throw StoreError(.limitReached, "cannot invite '\(participant.name)' to session \(id): it has had \(invited) "
                        + "people invited (revoked invites included), the most it may have")
                }
            }
            let order = try connection.integer("SELECT coalesce(max(invitation_order) + 1, 0) FROM participants WHERE session = ?1") {
                try $0.bind(1, id.rawValue)
            } ?? 0
            let stored = StoredParticipant(id: participantID, role: participant.role, name: participant.name,
                                     email: participant.email, invitationOrder: Int(order), revoked: false,
                                     actsFor: participant.actsFor)
            try Self.insert(stored, session: id, tokenHash: SecretToken.hash(token), connection)
            return IssuedInvite(participant: stored, token: token)
        }
    }

    /// Every participant of session `id` in invitation order; throws `.unknownSession`.
    public func participants(of id: SessionID) async throws -> [StoredParticipant] {
        try await read { connection in
            guard try Self.sessionRow(connection, id) != nil else {
                throw StoreError(.unknownSession, "no session \(id) is stored")
            }
            return try Self.participants(connection, session: id)
        }
    }

    /// Revokes participant `participant` of session `id`: their token hash is erased, so the
    /// link stops working. Revoking twice is allowed and changes nothing more.
    /// - Throws: `.unknownParticipant` when the session has no such participant.
    public func revokeParticipant(_ participant: ParticipantID, in id: SessionID) async throws {
        let now = configuration.now().millisecondsSince1970
        try await write { connection in
            let changed = try connection.run("UPDATE participants SET token_hash = NULL, revoked_at = coalesce(revoked_at, ?3) WHERE session = ?1 AND id = ?2") {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, participant.rawValue)
                try $0.bind(3, now)
            }
            guard changed == 1 else {
                throw StoreError(.unknownParticipant, "cannot revoke participant \(participant): session \(id) has no such participant")
            }
        }
    }

    /// Takes back the invite of participant `participant` of session `id` before anyone was
    /// told of it: their row and token are deleted, as if never invited. For an invite the live
    /// session refused after the store added it (the session ended in between); a participant
    /// who may have joined is revoked instead (``revokeParticipant(_:in:)``), which keeps them
    /// for the record. Withdrawing one that is not stored (twice) changes nothing.
    public func withdrawInvite(_ participant: ParticipantID, in id: SessionID) async throws {
        try await write { connection in
            _ = try connection.run("DELETE FROM participants WHERE session = ?1 AND id = ?2") {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, participant.rawValue)
            }
        }
    }

    /// Issues a new token for participant `participant` of session `id`; the old one stops
    /// working (its hash is replaced). A revoked participant is reinstated only when
    /// `reinstating` says so: otherwise one revoked before this write (a revocation racing the
    /// reissue) stays revoked, and nothing changes.
    /// - Throws: `.unknownParticipant` when the session has no such participant; `.refused` when
    ///   they are revoked and `reinstating` is false.
    public func reissueInvite(for participant: ParticipantID, in id: SessionID, reinstating: Bool = false) async throws -> IssuedInvite {
        let token = try SecretToken.generate()
        return try await write { connection in
            let changed = try connection.run("""
                UPDATE participants SET token_hash = ?3, revoked_at = NULL
                WHERE session = ?1 AND id = ?2 AND (revoked_at IS NULL OR ?4)
                """) {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, participant.rawValue)
                try $0.bind(3, SecretToken.hash(token))
                try $0.bind(4, reinstating ? 1 : 0)
            }
            let stored = try Self.participants(connection, session: id).first(where: { $0.id == participant })
            guard let stored else {
                throw StoreError(.unknownParticipant, "cannot reissue the invite of participant \(participant): session \(id) has no such participant")
            }
            guard changed == 1 else {
                throw StoreError(.refused, "cannot reissue the invite of participant \(participant): their invite to session \(id) was revoked")
            }
            return IssuedInvite(participant: stored, token: token)
        }
    }

    /// Whose invite `token` is: nil when unknown, revoked, or its session was deleted.
    public func authenticateParticipant(token: String) async throws -> ParticipantAuthentication? {
        let hash = SecretToken.hash(token)
        return try await read { connection in
            try connection.rows("SELECT session, \(Self.participantColumns) FROM participants WHERE token_hash = ?1 AND revoked_at IS NULL") {
                try $0.bind(1, hash)
            } map: { ParticipantAuthentication(session: SessionID($0.text(0)), participant: Self.decodeParticipant($0, offset: 1)) }.first
        }
    }
}
