/// What ``DatabaseRestore/restore(backup:into:stamp:)`` put in place and kept.
public struct RestoreOutcome: Sendable, Equatable {
    /// The database file now in the data directory.
    public var databasePath: String
    /// Sessions the restored database holds.
    public var sessions: Int
    /// Facilitators it holds, revoked ones included.
    public var facilitators: Int
    /// Where the database it replaced was moved (its `-wal` and `-shm` beside it with the same
    /// name), or nil when the data directory held none.
    public var replacedPath: String?
}
