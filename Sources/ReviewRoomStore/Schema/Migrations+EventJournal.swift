extension Migrations {
    /// v7: the event journal, where appends land first (see `EventJournal`), and `event_log`,
    /// the view of every session's whole log (the store's own reads write it out with the
    /// journal part looked up by row id, see `JournalDirectory`).
    ///
    /// `events` is clustered by `(session, seq)`: a commit that appends to many sessions dirtied
    /// one table leaf and one op-id index leaf per session, so at 100 sessions a commit wrote
    /// about 200 pages for as many appends. `event_journal` is a plain rowid table with no index:
    /// a commit appends to its last page or two, whatever the number of sessions. The writer
    /// folds the journal into `events` a batch of sessions at a time, each session's rows
    /// together, so every leaf it dirties there takes many events at once.
    ///
    /// For every session, all its journal rows come after all its `events` rows (the writer
    /// folds a session's journal rows all at once), so `event_log` is the session's log in seq
    /// order either way.
    static let version7 = Migration(version: 7, summary: "event journal", sql: """
        CREATE TABLE event_journal (
            id INTEGER PRIMARY KEY,
            session TEXT NOT NULL,
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            author TEXT,
            op_id TEXT
        );
        CREATE VIEW event_log AS
            SELECT session, seq, at, name, data, author, op_id FROM events
            UNION ALL
            SELECT session, seq, at, name, data, author, op_id FROM event_journal;
        """)
}

extension Migrations {
    /// v8: `event_log` shows a journal row only while `events` does not hold it yet.
    ///
    /// v7 moved rows out of the journal as it folded them, deleting each session's oldest rows:
    /// rows scattered over the journal's pages, so a fold rewrote about one journal page per row
    /// it moved, and those pages filled the WAL and the checkpoints. Now a fold copies a slice
    /// of the journal into `events` over several commits, then clears the slice with range
    /// deletes (see `EventJournal`); until then a copied row is in both tables,
    /// and the view leaves out the journal's copy (one primary-key lookup per journal row read).
    static let version8 = Migration(version: 8, summary: "event log shows journal rows copied into events once", sql: """
        DROP VIEW event_log;
        CREATE VIEW event_log AS
            SELECT session, seq, at, name, data, author, op_id FROM events
            UNION ALL
            SELECT session, seq, at, name, data, author, op_id FROM event_journal AS j
            WHERE NOT EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq);
        """)
}
