extension Migrations {
    /// v9: when an attendance interval a killed daemon left open was closed (`recovered_at`: the
    /// time the session was loaded again by the next run), so the review record can say when
    /// the server was running again after it stopped without shutting down, not only when the
    /// last sign of the people online was. NULL for intervals closed normally, and for ones
    /// recovered before v9 (that time is unknown).
    static let version9 = Migration(version: 9, summary: "attendance recovery times", sql: """
        ALTER TABLE attendance ADD COLUMN recovered_at INTEGER;
        """)
}
