import ReviewRoomCore

// Reads a live session makes when an edit reaches past the note history it keeps in memory:
// sized by how far back the edit reaches, never by how long the session is.
extension Store {
    /// The session's events with seq below `seq`, newest first, at most `limit`: a note's older
    /// ops read back from where memory ends, only as far as an edit needs.
    public func events(of session: SessionID, before seq: Int64, limit: Int) async throws -> [EventRecord] {
        try await read { [writer] connection in
            let journal = try JournalRows.read(connection, session: session, directory: writer.journalDirectory)
            return try connection.rows(Self.eventsBeforeSQL, {
                try $0.bind(1, session.rawValue)
                try $0.bind(2, seq)
                try $0.bind(3, Int64(limit))
                try journal.bind($0)
            }, map: Self.eventRecord)
        }
    }

    /// The stored event that carries `key`, if any: one lookup in the op-id index of `events`,
    /// and the session's rows of the journal. A repeated edit is answered with its first rev
    /// from this, without reading the history before it.
    public func event(carrying key: OperationKey, in session: SessionID) async throws -> EventRecord? {
        try await read { [writer] connection in
            let journal = try JournalRows.read(connection, session: session, directory: writer.journalDirectory)
            return try connection.rows(Self.eventCarryingSQL, {
                try $0.bind(1, session.rawValue)
                try $0.bind(2, key.author)
                try $0.bind(3, key.opId)
                try journal.bind($0)
            }, map: Self.eventRecord).first
        }
    }

    /// Session `?1`'s events before seq `?2`, newest first, at most `?3`: ``eventsSQL`` read the
    /// other way (both sides walk their primary key backwards and merge).
    static let eventsBeforeSQL = """
        SELECT seq, at, name, data, author, op_id FROM events WHERE session = ?1 AND seq < ?2
        UNION ALL
        SELECT j.seq, j.at, j.name, j.data, j.author, j.op_id FROM event_journal AS j
        WHERE \(JournalRows.sql) AND j.seq < ?2
          AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq)
        ORDER BY seq DESC LIMIT ?3
        """

    /// Session `?1`'s event with author `?2` and op id `?3` (a row copied into `events` and not
    /// yet cleared from the journal is the same event twice: the first is taken).
    static let eventCarryingSQL = """
        SELECT seq, at, name, data, author, op_id FROM events INDEXED BY events_unique_operation
        WHERE session = ?1 AND author = ?2 AND op_id = ?3
        UNION ALL
        SELECT j.seq, j.at, j.name, j.data, j.author, j.op_id FROM event_journal AS j
        WHERE \(JournalRows.sql) AND j.author = ?2 AND j.op_id = ?3
        LIMIT 1
        """

    /// An event row of the shape both reads above select.
    static func eventRecord(_ row: SQLiteStatement) -> EventRecord {
        EventRecord(seq: row.int64(0), at: Timestamp(millisecondsSince1970: row.int64(1)), name: row.text(2),
                    data: row.text(3), author: row.optionalText(4), opId: row.optionalText(5))
    }
}
