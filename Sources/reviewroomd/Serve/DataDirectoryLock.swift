import Foundation

/// The lock one `serve` holds on its data directory for as long as it runs (`reviewroomd.lock`,
/// an `flock` the kernel drops when the process ends, however it ends).
///
/// A second `serve` on the same directory used to open the store as if the first had crashed:
/// it closed the first one's online intervals, said "the previous run was not stopped cleanly",
/// served the same database on another port (its clients' edits clashed with the first's
/// seqs and were never acknowledged), or failed on the busy port and, leaving, deleted the
/// first one's run marker, so a crash of the first went unnoticed at the next start. The
/// command-line tools (`facilitator`, `backup`, `export`) do not take it: they are meant to run
/// beside the daemon, and share ``StoreToolLock`` instead. `restore` takes both: it must not
/// swap the database under a daemon, nor under one of them.
struct DataDirectoryLock: Sendable {
    /// The lock file's name in the data directory.
    static let name = "reviewroomd.lock"

    /// Why the lock was not taken.
    enum Failure: Error, Equatable {
        /// Another process holds it; `holder` is the pid it wrote, when readable.
        case held(holder: Int32?)
        /// The file could not be opened or locked (`errno`'s text).
        case unavailable(String)
    }

    /// The locked file's descriptor, open for the process's life.
    private let descriptor: Int32
    /// The served-database token the previous run left in the file, if any
    /// (`Daemon.checkServedDatabase`, `Store.exchangeServedToken(_:expecting:)`).
    let previousToken: String?

    /// Takes the lock in `dataDirectory` without waiting, and writes this process's pid in it.
    /// The descriptor is never closed: the lock is the process's for as long as it lives (`serve`
    /// is the whole process), and the kernel drops it when the process ends.
    static func acquire(dataDirectory: String) throws(Failure) -> DataDirectoryLock {
        let path = (dataDirectory as NSString).appendingPathComponent(Self.name)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unavailable("open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.contents(descriptor).pid
            close(descriptor)
            if code == EWOULDBLOCK { throw .held(holder: holder) }
            throw .unavailable("flock \(path): \(String(cString: strerror(code)))")
        }
        let lock = DataDirectoryLock(descriptor: descriptor, previousToken: Self.contents(descriptor).token)
        lock.write(token: lock.previousToken)
        return lock
    }

    /// Takes the lock as ``acquire(dataDirectory:)`` does and, when run as root, gives the file
    /// to the owner of `ownerLike` (the data directory): a lock file `sudo reviewroomd restore`
    /// created root's would stop the service's user from taking it (exit 73).
    static func acquire(dataDirectory: String, ownerLike: String) throws(Failure) -> DataDirectoryLock {
        let lock = try acquire(dataDirectory: dataDirectory)
        var owner = stat()
        if geteuid() == 0, stat(ownerLike, &owner) == 0 { _ = fchown(lock.descriptor, owner.st_uid, owner.st_gid) }
        return lock
    }

    /// Keeps `token` (the one just recorded in the database) in the file with this process's pid,
    /// synced: the next start compares the two (`Daemon.checkServedDatabase`). Best effort: a token lost
    /// here only makes the next start renew epochs it need not have.
    func write(token: String?) {
        let text = Array(("\(getpid())\n" + (token.map { "served \($0)\n" } ?? "")).utf8)
        guard ftruncate(descriptor, 0) == 0 else { return }
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        _ = fsync(descriptor)
    }

    /// What to say when another `serve` holds the directory.
    static func heldMessage(dataDirectory: String, holder: Int32?) -> String {
        let who = holder.map { "process \($0)" } ?? "another process"
        return "another reviewroomd serve (\(who)) is using the data directory \(dataDirectory): one daemon per data directory; stop it first, or give this one another data_dir"
    }

    /// The pid (first line) and served token (a `served TOKEN` line) the file holds.
    private static func contents(_ descriptor: Int32) -> (pid: Int32?, token: String?) {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return (nil, nil) }
        let lines = String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: "\n").map(String.init)
        let token = lines.first { $0.hasPrefix("served ") }.map { String($0.dropFirst("served ".count)) }
        return (lines.first.flatMap { Int32($0) }, token)
    }
}
