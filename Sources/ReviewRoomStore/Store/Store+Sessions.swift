import ReviewRoomCore

extension Store {
    /// Schedules a session owned by `owner` and invites `participants` (in that order);
    /// `followsSession` names the session it follows (a workshop's review), which the caller checked.
    /// - Throws: `.unknownFacilitator` when the owner does not exist or is revoked;
    ///   `.invalidInput` for an empty title or participant name/role.
    public func createSession(owner: FacilitatorID, definition: SessionDefinition, participants: [NewParticipant],
                              followsSession: SessionID? = nil) async throws -> CreatedSession {
        try Self.validate(definition, participants)
        let now = configuration.now()
        let id = SessionID(try SecretToken.identifier(prefix: "s_"))
        let epoch = try SecretToken.identifier(prefix: "e_")
        let tokens = try participants.map { _ in (try SecretToken.identifier(prefix: "p_"), try SecretToken.generate()) }
        return try await write { connection in
            try Self.insertSession(id, epoch: epoch, owner: owner, definition: definition, participants: participants,
                                   secrets: tokens, at: now, followsSession: followsSession, connection)
        }
    }

    static func validate(_ definition: SessionDefinition, _ participants: [NewParticipant]) throws {
        try validateTitle(of: definition)
        for participant in participants { try Self.validate(participant) }
    }

    /// Inserts a session of active facilitator `owner`, its baseline and its participants
    /// (`secrets`: each one's id and invite token, in order).
    static func insertSession(_ id: SessionID, epoch: String, owner: FacilitatorID, definition: SessionDefinition,
                              participants: [NewParticipant], secrets: [(String, String)], at now: Timestamp,
                              followsSession: SessionID? = nil, _ connection: SQLiteConnection) throws -> CreatedSession {
        let active = try connection.integer("SELECT count(*) FROM facilitators WHERE id = ?1 AND revoked_at IS NULL") { try $0.bind(1, owner.rawValue) } ?? 0
        guard active == 1 else {
            throw StoreError(.unknownFacilitator, "cannot create a session for facilitator \(owner): no such active facilitator")
        }
        try connection.run("""
            INSERT INTO sessions(id, owner, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before,
                                 auto_start, agenda, prompts, notes, epoch, created_at, calendar_sequence, follows_session)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15)
            """) {
            try $0.bind(1, id.rawValue)
            try $0.bind(2, owner.rawValue)
            try Self.bind(definition, to: $0, from: 3)
            try $0.bind(13, epoch)
            try $0.bind(14, now.millisecondsSince1970)
            try $0.bind(15, followsSession?.rawValue)
        }
        try Self.insertBaseline(definition, of: id, connection)
        var invites: [IssuedInvite] = []
        for (order, (participant, secret)) in zip(participants, secrets).enumerated() {
            let stored = StoredParticipant(id: ParticipantID(secret.0), role: participant.role, name: participant.name,
                                           email: participant.email, invitationOrder: order, revoked: false,
                                           actsFor: participant.actsFor)
            try Self.insert(stored, session: id, tokenHash: SecretToken.hash(secret.1), connection)
            invites.append(IssuedInvite(participant: stored, token: secret.1))
        }
        let session = StoredSession(id: id, owner: owner, definition: definition, epoch: epoch, createdAt: now, calendarSequence: 0,
                                    followsSession: followsSession)
        return CreatedSession(session: session, invites: invites)
    }

    /// The stored session `id`, or nil when there is none.
    public func session(_ id: SessionID) async throws -> StoredSession? {
        try await read { try Self.sessionRow($0, id) }
    }

    /// The session that session `id` follows (``StoredSession/followsSession``), while it is
    /// still stored; nil when `id` follows none, or that session was deleted.
    public func followedSession(of id: SessionID) async throws -> StoredSession? {
        try await read { connection in
            guard let followed = try Self.sessionRow(connection, id)?.followsSession else { return nil }
            return try Self.sessionRow(connection, followed)
        }
    }

    /// Every session owned by `owner`, oldest first.
    public func sessions(ownedBy owner: FacilitatorID) async throws -> [StoredSession] {
        try await read { connection in
            try connection.rows("SELECT \(Self.sessionColumns) FROM sessions WHERE owner = ?1 ORDER BY created_at, id") {
                try $0.bind(1, owner.rawValue)
            } map: { Self.decodeSession($0) }
        }
    }

    /// Replaces the definition of session `id`; with `reschedule`, bumps its calendar `SEQUENCE`.
    ///
    /// A change announced by events (a `PATCH`'s `session.changed`) goes with them instead, in
    /// one transaction: ``append(_:to:changing:completion:)``.
    public func updateSession(_ id: SessionID, definition: SessionDefinition, reschedule: Bool) async throws -> StoredSession {
        let change = SessionDefinitionChange(definition: definition, reschedule: reschedule)
        try Self.validate(change)
        return try await write { connection in
            try Self.writeDefinition(change, of: id, connection)
            guard let session = try Self.sessionRow(connection, id) else {
                throw StoreError(.unknownSession, "cannot update session \(id): no such session is stored")
            }
            return session
        }
    }

    /// Refuses a definition the store cannot keep (an empty title).
    static func validate(_ change: SessionDefinitionChange) throws {
        try validateTitle(of: change.definition)
    }

    /// Refuses an empty (or all white space) title.
    static func validateTitle(of definition: SessionDefinition) throws {
        guard !definition.title.trimmingWhitespace().isEmpty else {
            throw StoreError(.invalidInput, "a session needs a non-empty title")
        }
    }

    /// Replaces session `id`'s definition and, with `reschedule`, bumps its calendar `SEQUENCE`.
    static func writeDefinition(_ change: SessionDefinitionChange, of id: SessionID, _ connection: SQLiteConnection) throws {
        try validate(change)
        let changed = try connection.run("""
            UPDATE sessions SET title = ?3, host_school = ?4, focus = ?5, starts_at = ?6, time_zone = ?7,
                lobby_opens_minutes_before = ?8, auto_start = ?9, agenda = ?10, prompts = ?11, notes = ?12,
                calendar_sequence = calendar_sequence + ?2
            WHERE id = ?1
            """) {
            try $0.bind(1, id.rawValue)
            try $0.bind(2, Int64(change.reschedule ? 1 : 0))
            try Self.bind(change.definition, to: $0, from: 3)
        }
        guard changed == 1 else {
            throw StoreError(.unknownSession, "cannot update session \(id): no such session is stored")
        }
    }

    /// Gives session `id` a new epoch (its history can no longer be continued) and returns it.
    public func renewEpoch(of id: SessionID) async throws -> String {
        let epoch = try SecretToken.identifier(prefix: "e_")
        return try await write { connection in
            let changed = try connection.run("UPDATE sessions SET epoch = ?2 WHERE id = ?1") {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, epoch)
            }
            guard changed == 1 else { throw StoreError(.unknownSession, "cannot renew the epoch of session \(id): no such session is stored") }
            return epoch
        }
    }

    /// Gives every stored session a new random epoch (``RunMarker``: a cut-off run may have lost
    /// acknowledged events) and returns how many there are; resumes once durable.
    public func renewEveryEpoch() async throws -> Int {
        try await write { try Self.renewEveryEpoch(on: $0) }
    }

    /// Gives every session a new random epoch on `connection`, inside the caller's transaction;
    /// returns how many sessions there are.
    @discardableResult
    static func renewEveryEpoch(on connection: SQLiteConnection) throws -> Int {
        let sessions = try connection.rows("SELECT id FROM sessions") { $0.text(0) }
        for session in sessions {
            let epoch = try SecretToken.identifier(prefix: "e_")
            try connection.run("UPDATE sessions SET epoch = ?2 WHERE id = ?1") {
                try $0.bind(1, session)
                try $0.bind(2, epoch)
            }
        }
        return sessions.count
    }

    /// Erases session `id` for good: its events, unchanged edits, attendance, snapshots, participants and their tokens, its
    /// definition as created, then
    /// the session row. Deleted pages are zeroed (`secure_delete`) and the WAL is checkpointed and
    /// truncated, so the content does not linger in the files. While another connection holds a
    /// read transaction begun before the delete (a `sqlite3` shell, a backup, an export), the old
    /// pages must stay in the WAL for it: the checkpointer thread then retries the `TRUNCATE`
    /// until it completes, logging a warning naming the session at once and an info when the
    /// pages are gone.
    /// - Throws: `.unknownSession` when there is no such session (nothing changes).
    public func deleteSession(_ id: SessionID) async throws {
        try await write(erasingJournalOf: id) { connection in
            let bind: (SQLiteStatement) throws -> Void = { try $0.bind(1, id.rawValue) }
            try connection.run("DELETE FROM note_snapshots WHERE session = ?1", bind)
            try connection.run("DELETE FROM session_snapshots WHERE session = ?1", bind)
            try connection.run("DELETE FROM events WHERE session = ?1", bind)
            try connection.run("DELETE FROM event_journal WHERE session = ?1", bind)
            try connection.run("DELETE FROM unchanged_operations WHERE session = ?1", bind)
            try connection.run("DELETE FROM attendance WHERE session = ?1", bind)
            try connection.run("DELETE FROM participants WHERE session = ?1", bind)
            try connection.run("DELETE FROM session_baselines WHERE session = ?1", bind)
            guard try connection.run("DELETE FROM sessions WHERE id = ?1", bind) == 1 else {
                throw StoreError(.unknownSession, "cannot delete session \(id): no such session is stored")
            }
        }
        // The DELETE is committed; what is left is getting the old pages out of the WAL.
        let outcome: WALCheckpoint?
        do {
            outcome = try await walCheckpoint(truncate: true)
        } catch {
            logger.warning("TRUNCATE checkpoint after erasing a session failed", metadata: ["session": "\(id)", "error": "\(error)"])
            outcome = nil
        }
        if let outcome, outcome.isComplete {
            logger.info("session erased", metadata: ["session": "\(id)"])
        } else {
            checkpointer.eraseFromWAL(id, first: outcome)
        }
    }

    /// Loads session `id` to bring it back to life: definition, participants, the latest
    /// snapshot and every event after it, all from one consistent read. Nil when there is none.
    /// - Throws: `.databaseMoved` while the database file is not the one the writer has open.
    public func load(_ id: SessionID) async throws -> LoadedSession? {
        try await refuseWhileDatabaseMoved()
        let loaded = try await read { [writer] connection -> LoadedSession? in
            guard let session = try Self.sessionRow(connection, id) else { return nil }
            let journal = writer.journalDirectory
            let participants = try Self.participants(connection, session: id)
            let snapshot = try Self.latestSnapshot(connection, session: id)
            let events = try Self.events(connection, session: id, after: snapshot?.seq ?? 0, limit: nil, journal: journal)
            let lastSeq = try Self.lastSeq(connection, id, journal: journal)
            var loaded = LoadedSession(session: session, participants: participants, snapshot: snapshot, events: events, lastSeq: lastSeq)
            if let snapshot {
                loaded.operationsBeforeSnapshot = try Self.operationKeys(connection, session: id, through: snapshot.seq, journal: journal)
            }
            loaded.unchangedOperations = try Self.unchangedOperations(connection, session: id)
            return loaded
        }
        // A move detected while this read ran: what it read may hold that commit.
        try await refuseWhileDatabaseMoved()
        return loaded
    }

    /// Throws the standing `.databaseMoved` failure, after one probe commit to see whether the
    /// file has been put back. A commit into a file deleted or replaced underneath is refused to
    /// its sender, but it is in the open file: a session loaded from it would hold those events
    /// and acknowledge them when their senders send them again (same opId), as an operations
    /// probe saw after running a restore with the daemon up (44–48 edits a client in 29 s, all
    /// lost at the restart). Other failures roll back, so loading stays allowed through them.
    func refuseWhileDatabaseMoved() async throws {
        guard commitFailure?.code == .databaseMoved else { return }
        if let failure = await retryFailedCommits(), failure.code == .databaseMoved { throw failure }
    }

    /// Saves `snapshot` as session `id`'s latest and drops older ones (one at the same seq is
    /// replaced).
    /// - Throws: `.invalidInput` when `snapshot.seq` is beyond the session's durable seq or
    ///   older than the saved snapshot; `.unknownSession`.
    public func saveSnapshot(_ snapshot: StoredSessionSnapshot, for id: SessionID) async throws {
        try await write { [writer] connection in
            guard try Self.sessionRow(connection, id) != nil else {
                throw StoreError(.unknownSession, "cannot snapshot session \(id): no such session is stored")
            }
            let last = try Self.lastSeq(connection, id, journal: writer.journalDirectory)
            guard snapshot.seq >= 0, snapshot.seq <= last else {
                throw StoreError(.invalidInput, "snapshot of session \(id) at seq \(snapshot.seq) is beyond its durable seq \(last)")
            }
            let previous = try connection.integer("SELECT max(seq) FROM session_snapshots WHERE session = ?1") { try $0.bind(1, id.rawValue) }
            // The same seq replaces: a daemon that could not restore the saved one writes it anew.
            if let previous, previous > snapshot.seq {
                throw StoreError(.invalidInput, "snapshot of session \(id) at seq \(snapshot.seq) is older than the saved one at seq \(previous)")
            }
            let bind: (SQLiteStatement) throws -> Void = { try $0.bind(1, id.rawValue) }
            try connection.run("DELETE FROM note_snapshots WHERE session = ?1", bind)
            try connection.run("DELETE FROM session_snapshots WHERE session = ?1", bind)
            try connection.run("INSERT INTO session_snapshots(session, seq, state) VALUES (?1, ?2, ?3)") {
                try $0.bind(1, id.rawValue)
                try $0.bind(2, snapshot.seq)
                try $0.bind(3, snapshot.stateJSON)
            }
            for note in snapshot.notes {
                try connection.run("INSERT INTO note_snapshots(session, seq, note, rev, text) VALUES (?1, ?2, ?3, ?4, ?5)") {
                    try $0.bind(1, id.rawValue)
                    try $0.bind(2, snapshot.seq)
                    try $0.bind(3, note.note)
                    try $0.bind(4, note.rev)
                    try $0.bind(5, note.text)
                }
            }
        }
    }
}
