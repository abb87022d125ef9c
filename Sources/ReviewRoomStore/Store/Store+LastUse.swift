import ReviewRoomCore

extension Store {
    /// Every stored session with its last use as ``SessionRetention`` counts it: the latest of
    /// when it was scheduled, its start time and its newest event. One consistent read.
    public func sessionLastUses() async throws -> [(id: SessionID, lastUse: Timestamp)] {
        try await read { [writer] connection in
            let sessions = try connection.rows("SELECT id FROM sessions ORDER BY id", map: { SessionID($0.text(0)) })
            return try sessions.compactMap { id in
                try Self.lastUse(connection, id, journal: writer.journalDirectory).map { (id: id, lastUse: $0) }
            }
        }
    }

    /// Session `id`'s last use (see ``sessionLastUses()``), or nil when there is no such session.
    public func lastUse(of id: SessionID) async throws -> Timestamp? {
        try await read { [writer] connection in try Self.lastUse(connection, id, journal: writer.journalDirectory) }
    }

    /// ``lastUse(of:)`` inside a read transaction on `connection`.
    static func lastUse(_ connection: SQLiteConnection, _ id: SessionID, journal directory: JournalDirectory) throws -> Timestamp? {
        let journal = try JournalRows.read(connection, session: id, directory: directory)
        return try connection.integer("""
            SELECT max(created_at, starts_at, coalesce(\(Self.lastEventAtSQL), 0)) FROM sessions WHERE id = ?1
            """) {
            try $0.bind(1, id.rawValue)
            try journal.bind($0)
        }.map { Timestamp(millisecondsSince1970: $0) }
    }
}
