import ReviewRoomCore

extension Store {
    /// Appends `events` (consecutive seqs continuing the session's log) and resumes once they
    /// are durable. Returns the session's durable seq, i.e. the last event's seq.
    ///
    /// Appends for one session are stored in the order they are called; acknowledgements
    /// arrive in that order too.
    /// - Throws: `.sequenceGap` for a gap or duplicate seq, `.duplicateOperation` for an
    ///   `(author, opId)` already stored, `.unknownSession`, `.diskFull`; nothing is stored then.
    public func append(_ events: [EventRecord], to session: SessionID) async throws -> Int64 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int64, any Error>) in
            append(events, to: session) { result in continuation.resume(with: result.mapError { $0 as any Error }) }
        }
    }

    /// The non-suspending form of `append(_:to:)`: `completion` is called on the writer thread
    /// after COMMIT (keep it short: hop to your actor), in the order appends were made.
    public func append(_ events: [EventRecord], to session: SessionID, completion: @escaping @Sendable (Result<Int64, StoreError>) -> Void) {
        writer.enqueue(.append(AppendRequest(session: session, events: events, completion: completion)))
    }

    /// Appends `events` and, when `change` is given, stores the session's new definition (and
    /// bumps its calendar `SEQUENCE` if it says so) in the same transaction: a crash leaves the
    /// events and the definition they announce both stored or neither. Otherwise as
    /// ``append(_:to:completion:)``; an empty title is `.invalidInput` and stores nothing.
    public func append(_ events: [EventRecord], to session: SessionID, changing change: SessionDefinitionChange?,
                       completion: @escaping @Sendable (Result<Int64, StoreError>) -> Void) {
        writer.enqueue(.append(AppendRequest(session: session, events: events, definitionChange: change, completion: completion)))
    }

    /// The suspending form of ``append(_:to:changing:completion:)``.
    public func append(_ events: [EventRecord], to session: SessionID, changing change: SessionDefinitionChange?) async throws -> Int64 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int64, any Error>) in
            append(events, to: session, changing: change) { result in continuation.resume(with: result.mapError { $0 as any Error }) }
        }
    }

    /// The session's events with seq greater than `seq`, in order (for resume replay), at most `limit`.
    public func events(of session: SessionID, after seq: Int64, limit: Int? = nil) async throws -> [EventRecord] {
        try await read { [writer] connection in
            try Self.events(connection, session: session, after: seq, limit: limit, journal: writer.journalDirectory)
        }
    }

    /// The data of the session's latest `clock.changed` event, or nil if its clock never changed
    /// (read through a partial index: no log replay, however long the log).
    public func lastClockChange(of session: SessionID) async throws -> String? {
        try await read { [writer] connection in
            try Self.lastClockChange(connection, session, journal: writer.journalDirectory)
        }
    }

    /// ``lastClockChange(of:)`` inside a read or write transaction on `connection`.
    static func lastClockChange(_ connection: SQLiteConnection, _ session: SessionID, journal directory: JournalDirectory) throws -> String? {
        let journal = try JournalRows.read(connection, session: session, directory: directory)
        // The literal name lets SQLite use the partial index `events_clock_changes`; a
        // session's journal rows are its newest (a copied one is the same event in both).
        return try connection.rows("""
            SELECT coalesce(
                (SELECT j.data FROM event_journal AS j WHERE \(JournalRows.sql) AND j.name = 'clock.changed' ORDER BY j.seq DESC LIMIT 1),
                (SELECT data FROM events WHERE session = ?1 AND name = 'clock.changed' ORDER BY seq DESC LIMIT 1))
            """) {
            try $0.bind(1, session.rawValue)
            try journal.bind($0)
        } map: { $0.optionalText(0) }.first ?? nil
    }

    /// The session's last durable seq (0 without events); throws `.unknownSession` when it does not exist.
    public func lastSeq(of session: SessionID) async throws -> Int64 {
        try await read { [writer] connection in
            guard try Self.sessionRow(connection, session) != nil else {
                throw StoreError(.unknownSession, "no session \(session) is stored")
            }
            return try Self.lastSeq(connection, session, journal: writer.journalDirectory)
        }
    }

    /// Session `?1`'s events after seq `?2`, in order, at most `?3` (-1: all): `event_log`
    /// written out, with the session's journal rows found through ``JournalRows`` (`?8`, `?9`)
    /// instead of a scan of the whole journal, each left out when `events` holds it already.
    static let eventsSQL = """
        SELECT seq, at, name, data, author, op_id FROM events WHERE session = ?1 AND seq > ?2
        UNION ALL
        SELECT j.seq, j.at, j.name, j.data, j.author, j.op_id FROM event_journal AS j
        WHERE \(JournalRows.sql) AND j.seq > ?2
          AND NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq)
        ORDER BY seq LIMIT ?3
        """

    static func events(_ connection: SQLiteConnection, session: SessionID, after seq: Int64, limit: Int?,
                       journal directory: JournalDirectory) throws -> [EventRecord] {
        let journal = try JournalRows.read(connection, session: session, directory: directory)
        return try connection.rows(eventsSQL, {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, seq)
            try $0.bind(3, Int64(limit ?? -1))
            try journal.bind($0)
        }, map: eventRecord)
    }

    /// The `(author, opId)` of every event up to `seq`: from the op-id index alone for `events`
    /// (its entries carry the primary key, so `seq` needs no table row), and from the journal —
    /// a row copied into `events` and not yet cleared from the journal gives its key twice.
    static func operationKeys(_ connection: SQLiteConnection, session: SessionID, through seq: Int64,
                              journal directory: JournalDirectory) throws -> [OperationKey] {
        let journal = try JournalRows.read(connection, session: session, directory: directory)
        return try connection.rows("""
            SELECT author, op_id FROM events INDEXED BY events_unique_operation
            WHERE session = ?1 AND op_id IS NOT NULL AND seq <= ?2
            UNION ALL
            SELECT j.author, j.op_id FROM event_journal AS j WHERE \(JournalRows.sql) AND j.op_id IS NOT NULL AND j.seq <= ?2
            """, {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, seq)
            try journal.bind($0)
        }) { OperationKey(author: $0.text(0), opId: $0.text(1)) }
    }

    /// The session's last seq (NULL without events) for session `?1`, as one expression: its
    /// journal rows (``JournalRows``, `?8`, `?9`), if it has any, are its newest (a copied one is
    /// the same event in both).
    static let lastSeqSQL = """
        coalesce((SELECT max(j.seq) FROM event_journal AS j WHERE \(JournalRows.sql)),
                 (SELECT max(seq) FROM events WHERE session = ?1))
        """

    /// The `at` of session `?1`'s newest event (NULL without events), as one expression: its
    /// newest journal row (``JournalRows``, `?8`, `?9`) if it has any, else one seek at the end of
    /// its `events` range (the view `event_log` would read and sort the whole log for it).
    static let lastEventAtSQL = """
        coalesce((SELECT j.at FROM event_journal AS j WHERE \(JournalRows.sql) ORDER BY j.seq DESC LIMIT 1),
                 (SELECT at FROM events WHERE session = ?1 ORDER BY seq DESC LIMIT 1))
        """

    static func lastSeq(_ connection: SQLiteConnection, _ session: SessionID, journal directory: JournalDirectory) throws -> Int64 {
        let journal = try JournalRows.read(connection, session: session, directory: directory)
        return try connection.integer("SELECT \(lastSeqSQL)") {
            try $0.bind(1, session.rawValue)
            try journal.bind($0)
        } ?? 0
    }
}
