extension Migrations {
    /// v6: each session's definition as it was created (`session_baselines`, the same columns
    /// as `sessions`), written in the transaction that creates the session and never updated,
    /// so the review record can say what the first PATCH replaced.
    ///
    /// For a session stored before v6 the row is filled only when the session has no
    /// `session.changed` event: only a PATCH rewrites the stored definition (and logs one), so
    /// without one the definition is still the one created. A session already edited gets no
    /// row (its earlier values are not recorded); its first stored `session.changed` holds the
    /// values after that edit, not before it.
    static let version6 = Migration(version: 6, summary: "session definitions as created", sql: """
        CREATE TABLE session_baselines (
            session TEXT PRIMARY KEY REFERENCES sessions(id),
            title TEXT NOT NULL,
            host_school TEXT NOT NULL,
            focus TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            lobby_opens_minutes_before INTEGER NOT NULL,
            auto_start INTEGER NOT NULL,
            agenda TEXT NOT NULL,
            prompts TEXT NOT NULL,
            notes TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO session_baselines(session, title, host_school, focus, starts_at, time_zone,
                                      lobby_opens_minutes_before, auto_start, agenda, prompts, notes)
            SELECT id, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before, auto_start,
                   agenda, prompts, notes
            FROM sessions
            WHERE NOT EXISTS (SELECT 1 FROM events WHERE events.session = sessions.id AND events.name = 'session.changed');
        """)
}
