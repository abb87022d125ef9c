extension SQLiteConnection {
    /// Runs `PRAGMA wal_checkpoint(TRUNCATE)` (or `PASSIVE`) and returns its result row.
    ///
    /// A `TRUNCATE` runs without the busy handler: with one, SQLite waits up to the busy timeout
    /// for every reader of an old snapshot, and on the writer's connection that stalls every
    /// queued append. A blocked attempt returns at once with `busy`, for the caller to retry.
    func walCheckpoint(truncate: Bool, busyTimeoutMilliseconds: Int32) throws -> WALCheckpoint {
        guard truncate else { return try walCheckpointRow("PRAGMA wal_checkpoint(PASSIVE)") }
        try execute("PRAGMA busy_timeout = 0")
        defer { try? execute("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)") }
        return try walCheckpointRow("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    private func walCheckpointRow(_ sql: String) throws -> WALCheckpoint {
        let row = try rows(sql) { WALCheckpoint(busy: $0.int64(0) != 0, logFrames: $0.int64(1), checkpointedFrames: $0.int64(2)) }.first
        // SQLite always answers one row; none would mean nothing was checked, so not complete.
        return row ?? WALCheckpoint(busy: true, logFrames: -1, checkpointedFrames: 0)
    }
}
