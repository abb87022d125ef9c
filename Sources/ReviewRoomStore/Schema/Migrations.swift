/// Every schema version in order. To change the schema, append a `Migration` with the next
/// version (never edit a released one) and add a test migrating a v(n-1) file to it.
enum Migrations {
    /// `PRAGMA application_id` of every ReviewRoom database: "RRv1" in ASCII.
    static let applicationID: Int32 = 0x5252_7631

    /// All migrations, ascending by version (``version5``, the attendance marks, is in
    /// `Migrations+Version5.swift`; ``version6``, the sessions as created, in
    /// `Migrations+SessionBaselines.swift`; ``version7``, the event journal, and ``version8``, its
    /// log view, in `Migrations+EventJournal.swift`; ``version9``, when interrupted attendance
    /// was closed, in `Migrations+Version9.swift`; ``version10``, the open intervals' index, in
    /// `Migrations+Version10.swift`; ``version11``, the facilitators' own participants, in
    /// `Migrations+Version11.swift`; ``version12``, the session a session follows, in
    /// `Migrations+Version12.swift`).
    static let all: [Migration] = [
        version1, version2, version3, version4, version5, version6, version7, version8, version9, version10, version11,
        version12,
    ]

    /// The newest schema version this build understands.
    static var latestVersion: Int { all.last?.version ?? 0 }

    /// v1: facilitators, sessions, participants, event log, snapshots, metadata.
    static let version1 = Migration(version: 1, summary: "initial schema", sql: """
        CREATE TABLE store_metadata (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE facilitators (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT,
            token_hash BLOB UNIQUE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );

        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL REFERENCES facilitators(id),
            title TEXT NOT NULL,
            host_school TEXT NOT NULL,
            focus TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            lobby_opens_minutes_before INTEGER NOT NULL,
            auto_start INTEGER NOT NULL,
            agenda TEXT NOT NULL,
            prompts TEXT NOT NULL,
            notes TEXT NOT NULL,
            epoch TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            calendar_sequence INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sessions_by_owner ON sessions(owner, created_at);

        CREATE TABLE participants (
            session TEXT NOT NULL REFERENCES sessions(id),
            id TEXT NOT NULL,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT,
            invitation_order INTEGER NOT NULL,
            token_hash BLOB UNIQUE,
            revoked_at INTEGER,
            PRIMARY KEY (session, id)
        ) WITHOUT ROWID;

        CREATE TABLE events (
            session TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL,
            at INTEGER NOT NULL,
            name TEXT NOT NULL,
            data TEXT NOT NULL,
            author TEXT,
            op_id TEXT,
            PRIMARY KEY (session, seq)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX events_unique_operation ON events(session, author, op_id) WHERE op_id IS NOT NULL;

        CREATE TABLE session_snapshots (
            session TEXT NOT NULL REFERENCES sessions(id),
            seq INTEGER NOT NULL,
            state TEXT NOT NULL,
            PRIMARY KEY (session, seq)
        ) WITHOUT ROWID;

        CREATE TABLE note_snapshots (
            session TEXT NOT NULL,
            seq INTEGER NOT NULL,
            note TEXT NOT NULL,
            rev INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (session, seq, note),
            FOREIGN KEY (session, seq) REFERENCES session_snapshots(session, seq)
        ) WITHOUT ROWID;
        """)

    /// v2: a small index of each session's clock changes, so start-up can tell which stored
    /// sessions may have a timer pending without replaying their logs.
    static let version2 = Migration(version: 2, summary: "index of clock changes", sql: """
        CREATE INDEX events_clock_changes ON events(session, seq) WHERE name = 'clock.changed';
        """)

    /// v3: the `(author, opId)` of edits that changed nothing (acked with a rev, no event), so
    /// their repeats are answered with that rev after a restart (PROTOCOL §3.5).
    static let version3 = Migration(version: 3, summary: "edits that changed nothing", sql: """
        CREATE TABLE unchanged_operations (
            session TEXT NOT NULL REFERENCES sessions(id),
            author TEXT NOT NULL,
            op_id TEXT NOT NULL,
            note TEXT NOT NULL,
            rev INTEGER NOT NULL,
            PRIMARY KEY (session, author, op_id)
        ) WITHOUT ROWID;
        """)

    /// v4: who was online when: one row per online interval of a participant (first connection
    /// opened to last connection closed). `left_at` is NULL while they are online; `recovered`
    /// marks an interval the daemon could not close itself (it was killed) and closed at the
    /// session's last stored event (since v5: or its last still-here mark, if later) when the
    /// session loaded again.
    static let version4 = Migration(version: 4, summary: "attendance intervals", sql: """
        CREATE TABLE attendance (
            session TEXT NOT NULL REFERENCES sessions(id),
            participant TEXT NOT NULL,
            joined_at INTEGER NOT NULL,
            left_at INTEGER,
            recovered INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX attendance_by_session ON attendance(session, participant, joined_at);
        """)
}
