/// The result row of `PRAGMA wal_checkpoint`: whether it was blocked, the WAL's size in frames
/// and how many of them are in the database file.
struct WALCheckpoint: Sendable, Equatable {
    /// 1 in SQLite's row: another connection (a reader holding an old snapshot, a writer, another
    /// checkpoint) kept the checkpoint from finishing.
    var busy: Bool
    /// Frames in the WAL (-1 when the database is not in WAL mode).
    var logFrames: Int64
    /// Frames copied back into the database file.
    var checkpointedFrames: Int64

    /// Every frame is in the database file and nobody was in the way: after a `TRUNCATE`, the
    /// WAL file is empty.
    var isComplete: Bool { !busy && logFrames == checkpointedFrames }
}
