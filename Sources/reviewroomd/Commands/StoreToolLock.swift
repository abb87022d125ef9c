import Foundation

/// The lock the command-line tools that open the database (`facilitator`, `backup`, `export`)
/// share while they run, and that `restore` takes alone for the whole restore
/// (`reviewroomd-tools.lock` in the data directory, an `flock` the kernel drops when the
/// descriptor closes or the process ends).
///
/// The tools run beside the daemon, so they cannot take ``DataDirectoryLock``. Without a lock of
/// their own, a `facilitator add` started during a restore could write into the database being
/// moved aside and report success (the facilitator then in the kept copy, not in the restored
/// one), and a restore could move a database aside under a running `backup` or `export`. Neither
/// waits for the other: the one that comes second refuses at once, saying why.
final class StoreToolLock: Sendable {
    /// The lock file's name in the data directory.
    static let name = "reviewroomd-tools.lock"

    /// Why the lock was not taken.
    enum Failure: Error, Equatable {
        /// The other side holds it: a restore (for a tool), or a tool (for a restore).
        case busy
        /// The file could not be opened or locked (`errno`'s text).
        case unavailable(String)
    }

    // Immutable and only closed in deinit: sharing the object across tasks is safe.
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor) // drops the flock
    }

    /// For a tool: the lock shared with other tools. Nil when the data directory does not exist
    /// (nothing can be restored into it; the store then creates it, and the caller asks again).
    /// Throws ``Failure/busy`` while a restore holds it.
    static func shared(dataDirectory: String) throws(Failure) -> StoreToolLock? {
        guard access(dataDirectory, F_OK) == 0 else { return nil }
        return try take(dataDirectory: dataDirectory, operation: LOCK_SH)
    }

    /// For `restore`: the lock alone. Throws ``Failure/busy`` while a tool holds it.
    static func exclusive(dataDirectory: String) throws(Failure) -> StoreToolLock {
        try take(dataDirectory: dataDirectory, operation: LOCK_EX)
    }

    /// What a tool says when a restore holds the lock.
    static func restoringMessage(dataDirectory: String) -> String {
        "a restore is putting a backup in place in \(dataDirectory): run this again once it has finished"
    }

    /// What `restore` says when a tool holds the lock.
    static func toolRunningMessage(dataDirectory: String) -> String {
        "a reviewroomd facilitator, backup or export command is using the database in \(dataDirectory): "
            + "let it finish, then restore"
    }

    private static func take(dataDirectory: String, operation: Int32) throws(Failure) -> StoreToolLock {
        let path = (dataDirectory as NSString).appendingPathComponent(name)
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        // A tool run by a user who may read the directory but not write it still locks the file.
        if descriptor < 0 && errno == EACCES { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .unavailable("open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, operation | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .busy }
            throw .unavailable("flock \(path): \(String(cString: strerror(code)))")
        }
        // A file `sudo reviewroomd …` created would be root's: give it to the directory's owner,
        // so the service's user can open it for writing too.
        var owner = stat()
        if geteuid() == 0, stat(dataDirectory, &owner) == 0 { _ = fchown(descriptor, owner.st_uid, owner.st_gid) }
        return StoreToolLock(descriptor: descriptor)
    }
}
