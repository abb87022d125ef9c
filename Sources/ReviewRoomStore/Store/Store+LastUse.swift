import ReviewRoomCore

extension Store {
    /// Every stored session with its last use as ``SessionRetention`` counts it: the latest of
    /// when it was scheduled, its start time and its newest event, and for a session others follow
    /// (`followsSession`), the latest of theirs too
    /// (``SessionRetention/countingFollowers(_:)``). One consistent read.
    public func sessionLastUses() async throws -> [(id: SessionID, lastUse: Timestamp)] {
        try await read { [writer] connection in
            let sessions = try connection.rows("SELECT id, follows_session FROM sessions ORDER BY id") {
                (id: SessionID($0.text(0)), follows: $0.optionalText(1).map { SessionID($0) })
            }
            return SessionRetention.countingFollowers(try sessions.compactMap { session in
                try Self.ownLastUse(connection, session.id, journal: writer.journalDirectory)
                    .map { (id: session.id, lastUse: $0, follows: session.follows) }
            })
        }
    }

    /// Session `id`'s last use (see ``sessionLastUses()``), or nil when there is no such session.
    public func lastUse(of id: SessionID) async throws -> Timestamp? {
        try await read { [writer] connection in
            guard let own = try Self.ownLastUse(connection, id, journal: writer.journalDirectory) else { return nil }
            // The sessions that follow it, down the chain (UNION, not UNION ALL: a chain that came
            // back to itself would end), each with the one it follows: the same rule as the sweep's.
            let followers = try connection.rows("""
                WITH RECURSIVE followers(id, follows) AS (
                    SELECT id, follows_session FROM sessions WHERE follows_session = ?1
                    UNION SELECT sessions.id, sessions.follows_session FROM sessions
                          JOIN followers ON sessions.follows_session = followers.id)
                SELECT id, follows FROM followers
                """, { try $0.bind(1, id.rawValue) }, map: { (id: SessionID($0.text(0)), follows: SessionID($0.text(1))) })
            let uses = try followers.compactMap { follower in
                try Self.ownLastUse(connection, follower.id, journal: writer.journalDirectory)
                    .map { (id: follower.id, lastUse: $0, follows: Optional(follower.follows)) }
            }
            let counted = SessionRetention.countingFollowers([(id: id, lastUse: own, follows: nil)] + uses)
            return counted.first { $0.id == id }?.lastUse ?? own
        }
    }

    /// Session `id`'s own last use, its followers not counted, inside a read transaction on
    /// `connection`; nil when there is no such session.
    static func ownLastUse(_ connection: SQLiteConnection, _ id: SessionID, journal directory: JournalDirectory) throws -> Timestamp? {
        let journal = try JournalRows.read(connection, session: id, directory: directory)
        return try connection.integer("""
            SELECT max(created_at, starts_at, coalesce(\(Self.lastEventAtSQL), 0)) FROM sessions WHERE id = ?1
            """) {
            try $0.bind(1, id.rawValue)
            try journal.bind($0)
        }.map { Timestamp(millisecondsSince1970: $0) }
    }
}
