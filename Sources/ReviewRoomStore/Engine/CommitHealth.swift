import Synchronization

/// Whether the writer's commits are failing: set by the writer thread after each batch, read by
/// anyone (`/readyz`). A failure stays until a later transaction that changed rows commits, so an
/// empty probe batch (which writes nothing and succeeds even on a full disk) does not clear it.
final class CommitHealth: Sendable {
    private let failure = Mutex<StoreError?>(nil)

    /// The failure of the last batch that failed, or nil once a writing batch committed since.
    var current: StoreError? { failure.withLock { $0 } }

    /// Records that a batch could not be committed.
    func failed(_ error: StoreError) { failure.withLock { $0 = error } }

    /// Records that a batch which changed rows was committed.
    func committed() { failure.withLock { $0 = nil } }
}

extension StoreError {
    /// Whether this failure means the disk or the file refuses writes (full disk, I/O error,
    /// read-only file system, damaged file, lock held past the busy timeout) rather than that one
    /// request was wrong (a sequence gap, an unknown session…).
    var stopsCommits: Bool {
        switch code {
        case .diskFull, .dataDirectoryNotWritable, .corrupt, .notADatabase, .busy: true
        case .sqlite: sqliteCode.map { $0 & 0xff == 10 /* SQLITE_IOERR */ } ?? false
        default: false
        }
    }
}
