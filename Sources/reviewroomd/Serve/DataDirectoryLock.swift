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
/// beside the daemon.
enum DataDirectoryLock {
    /// The lock file's name in the data directory.
    static let name = "reviewroomd.lock"

    /// Why the lock was not taken.
    enum Failure: Error, Equatable {
        /// Another process holds it; `holder` is the pid it wrote, when readable.
        case held(holder: Int32?)
        /// The file could not be opened or locked (`errno`'s text).
        case unavailable(String)
    }

    /// Takes the lock in `dataDirectory` without waiting, and writes this process's pid in it.
    /// The descriptor is never closed: the lock is the process's for as long as it lives (`serve`
    /// is the whole process), and the kernel drops it when the process ends.
    static func acquire(dataDirectory: String) throws(Failure) {
        let path = (dataDirectory as NSString).appendingPathComponent(Self.name)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unavailable("open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readPID(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw .held(holder: holder) }
            throw .unavailable("flock \(path): \(String(cString: strerror(code)))")
        }
        let pid = Array("\(getpid())\n".utf8)
        if ftruncate(descriptor, 0) == 0 {
            _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        }
    }

    /// What to say when another `serve` holds the directory.
    static func heldMessage(dataDirectory: String, holder: Int32?) -> String {
        let who = holder.map { "process \($0)" } ?? "another process"
        return "another reviewroomd serve (\(who)) is using the data directory \(dataDirectory): one daemon per data directory; stop it first, or give this one another data_dir"
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
