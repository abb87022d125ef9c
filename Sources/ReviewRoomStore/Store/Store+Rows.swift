import ReviewRoomCore

extension Store {
    static let sessionColumns = """
        id, owner, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before, auto_start,
        agenda, prompts, notes, epoch, created_at, calendar_sequence, follows_session
        """

    static func decodeSession(_ row: SQLiteStatement) -> StoredSession {
        let definition = decodeDefinition(row, from: 2)
        return StoredSession(
            id: SessionID(row.text(0)), owner: FacilitatorID(row.text(1)), definition: definition, epoch: row.text(12),
            createdAt: Timestamp(millisecondsSince1970: row.int64(13)), calendarSequence: Int(row.int64(14)),
            followsSession: row.optionalText(15).map { SessionID($0) }
        )
    }

    /// The ten definition columns at `first`…`first + 9`, in ``bind(_:to:from:)``'s order.
    static func decodeDefinition(_ row: SQLiteStatement, from first: Int32) -> SessionDefinition {
        SessionDefinition(
            title: row.text(first), hostSchool: row.text(first + 1), focus: row.text(first + 2),
            startsAt: Timestamp(millisecondsSince1970: row.int64(first + 3)), timeZone: row.text(first + 4),
            lobbyOpensMinutesBefore: Int(row.int64(first + 5)), autoStart: row.int64(first + 6) != 0,
            agendaJSON: row.text(first + 7), promptsJSON: row.text(first + 8), notesJSON: row.text(first + 9)
        )
    }

    /// Binds the ten definition columns to parameters `first`…`first + 9`.
    static func bind(_ definition: SessionDefinition, to statement: SQLiteStatement, from first: Int32) throws {
        try statement.bind(first, definition.title)
        try statement.bind(first + 1, definition.hostSchool)
        try statement.bind(first + 2, definition.focus)
        try statement.bind(first + 3, definition.startsAt.millisecondsSince1970)
        try statement.bind(first + 4, definition.timeZone)
        try statement.bind(first + 5, Int64(definition.lobbyOpensMinutesBefore))
        try statement.bind(first + 6, Int64(definition.autoStart ? 1 : 0))
        try statement.bind(first + 7, definition.agendaJSON)
        try statement.bind(first + 8, definition.promptsJSON)
        try statement.bind(first + 9, definition.notesJSON)
    }

    static func sessionRow(_ connection: SQLiteConnection, _ id: SessionID) throws -> StoredSession? {
        try connection.rows("SELECT \(sessionColumns) FROM sessions WHERE id = ?1") { try $0.bind(1, id.rawValue) } map: { decodeSession($0) }.first
    }

    static let participantColumns = "id, role, name, email, invitation_order, revoked_at IS NOT NULL, acts_for"

    static func decodeParticipant(_ row: SQLiteStatement, offset: Int32 = 0) -> StoredParticipant {
        StoredParticipant(
            id: ParticipantID(row.text(offset)), role: row.text(offset + 1), name: row.text(offset + 2),
            email: row.optionalText(offset + 3), invitationOrder: Int(row.int64(offset + 4)), revoked: row.int64(offset + 5) != 0,
            actsFor: row.optionalText(offset + 6).map { FacilitatorID($0) }
        )
    }

    static func participants(_ connection: SQLiteConnection, session: SessionID) throws -> [StoredParticipant] {
        try connection.rows("SELECT \(participantColumns) FROM participants WHERE session = ?1 ORDER BY invitation_order") {
            try $0.bind(1, session.rawValue)
        } map: { decodeParticipant($0) }
    }

    static func latestSnapshot(_ connection: SQLiteConnection, session: SessionID) throws -> StoredSessionSnapshot? {
        let head = try connection.rows("SELECT seq, state FROM session_snapshots WHERE session = ?1 ORDER BY seq DESC LIMIT 1") {
            try $0.bind(1, session.rawValue)
        } map: { ($0.int64(0), $0.text(1)) }.first
        guard let (seq, state) = head else { return nil }
        let notes = try connection.rows("SELECT note, rev, text FROM note_snapshots WHERE session = ?1 AND seq = ?2 ORDER BY note") {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, seq)
        } map: { StoredNoteSnapshot(note: $0.text(0), rev: $0.int64(1), text: $0.text(2)) }
        return StoredSessionSnapshot(seq: seq, notes: notes, stateJSON: state)
    }

    static func insert(_ participant: StoredParticipant, session: SessionID, tokenHash: [UInt8], _ connection: SQLiteConnection) throws {
        try connection.run("""
            INSERT INTO participants(session, id, role, name, email, invitation_order, token_hash, acts_for)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """) {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, participant.id.rawValue)
            try $0.bind(3, participant.role)
            try $0.bind(4, participant.name)
            try $0.bind(5, participant.email)
            try $0.bind(6, Int64(participant.invitationOrder))
            try $0.bind(7, tokenHash)
            try $0.bind(8, participant.actsFor?.rawValue)
        }
    }

    static func validate(_ participant: NewParticipant) throws {
        guard !participant.name.trimmingWhitespace().isEmpty else {
            throw StoreError(.invalidInput, "a participant needs a non-empty name (role '\(participant.role)')")
        }
        guard !participant.role.trimmingWhitespace().isEmpty else {
            throw StoreError(.invalidInput, "participant '\(participant.name)' needs a non-empty role")
        }
    }
}
