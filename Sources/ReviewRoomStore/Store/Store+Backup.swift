#if canImport(Glibc)
import Glibc
#endif

extension Store {
    /// Writes a consistent copy of the live database to `destination` with `VACUUM INTO`, on a
    /// reader connection (one read transaction, so appends keep committing meanwhile). The copy
    /// is compact, in rollback-journal mode, and opens as a normal ReviewRoom store. The file is
    /// created owner-only (0600), like the data directory (0700): it holds every session's notes.
    ///
    /// Every session in the copy gets a new epoch (PROTOCOL §3.1): once the copy is restored,
    /// the events clients saw after the backup are gone, so a client resuming with the old
    /// epoch must get a fresh `welcome`, not a replay from sequence numbers that now mean other events.
    /// - Throws: `.backupFailed` when `destination` exists or its directory is missing;
    ///   `.diskFull` when the destination's disk fills up.
    public func backup(to destination: String) async throws {
        guard !destination.isEmpty else { throw StoreError(.backupFailed, "the backup destination path is empty") }
        var existing = stat()
        if stat(destination, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFDIR {
            // "exists already" left an operations probe unsure what was wrong with `backup bk/`.
            var base = destination
            while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
            throw StoreError(.backupFailed, "backup destination \(destination) is a directory: give a file name in it, such as \(base)/reviewroom-backup.sqlite3")
        }
        if access(destination, F_OK) == 0 {
            throw StoreError(.backupFailed, "backup destination \(destination) exists already: choose a new file name (a backup never overwrites)")
        }
        let parent = DataDirectory.parentPath(of: destination)
        var info = stat()
        guard stat(parent, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError(.backupFailed, "cannot back up to \(destination): directory \(parent) does not exist")
        }
        // SQLite would create the file 0644; VACUUM INTO accepts an empty file, so make it first,
        // owner-only, and exclusively (never overwriting one that appeared meanwhile).
        let descriptor = Glibc.open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it exists already: choose a new file name (a backup never overwrites)"
                : String(cString: strerror(errno))
            throw StoreError(.backupFailed, "cannot back up to \(destination): \(reason)")
        }
        Glibc.close(descriptor)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            readers.enqueue(ReadJob(
                run: { connection in
                    do {
                        // VACUUM INTO must run outside a transaction (it reads one snapshot) and
                        // counts as a write for `query_only`, though it only writes the new file.
                        try connection.execute("PRAGMA query_only = OFF")
                        defer { try? connection.execute("PRAGMA query_only = ON") }
                        try connection.run("VACUUM INTO ?1") { try $0.bind(1, destination) }
                        try Self.renewEpochs(inCopyAt: destination)
                        continuation.resume()
                    } catch {
                        let failure = StoreError.wrap(error)
                        unlink(destination)
                        if failure.code == .diskFull {
                            continuation.resume(throwing: StoreError(.diskFull, "backup to \(destination) failed: the disk is full", sqliteCode: failure.sqliteCode))
                        } else {
                            continuation.resume(throwing: StoreError(.backupFailed, "backup to \(destination) failed: \(failure.message)", sqliteCode: failure.sqliteCode))
                        }
                    }
                },
                cancel: { continuation.resume(throwing: $0) }
            ))
        }
        logger.info("backup written", metadata: ["destination": "\(destination)"])
    }

    /// Gives every session in the database at `path` (a fresh backup, not yet used by anyone)
    /// a new random epoch, in one transaction on a connection of its own.
    private static func renewEpochs(inCopyAt path: String) throws {
        let copy = try SQLiteConnection(path: path)
        defer { copy.close() }
        try copy.execute("BEGIN IMMEDIATE")
        do {
            try renewEveryEpoch(on: copy)
            try copy.execute("COMMIT")
        } catch {
            try? copy.execute("ROLLBACK")
            throw error
        }
    }
}
