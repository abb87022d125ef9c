extension Migrations {
    /// v5: a "still here" mark on each open attendance interval (`seen_at`, written about once a
    /// minute per session with someone online), so an interval a killed daemon left open is
    /// closed at the later of the session's last stored event and that mark: a quiet stretch
    /// before the kill (people online, nobody typing) is no longer lost. NULL until the first
    /// mark (and in intervals stored before v5).
    ///
    /// Kept in a file of its own: another v5 change (session baselines) folds into this step
    /// when the branches merge.
    static let version5 = Migration(version: 5, summary: "attendance still-here marks", sql: """
        ALTER TABLE attendance ADD COLUMN seen_at INTEGER;
        """)
}
