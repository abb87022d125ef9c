import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Puts a backup (`reviewroomd backup`) in place as the data directory's database, for
/// `reviewroomd restore` while no daemon serves the directory (the caller holds its lock).
///
/// By hand a restore was three steps that each went wrong for someone: a copy left owned by
/// root (the service then refused to start, in a loop), and a `-wal` left from the database it
/// replaced, which SQLite would replay into the copy (a silently wrong or damaged store). Here:
/// 1. the backup is copied into the data directory under a temporary name and checked there
///    (an SQLite file, a ReviewRoom one, a schema this build reads, `quick_check` ok), so a
///    wrong file changes nothing;
/// 2. the database it replaces is renamed aside with its `-wal` and `-shm` (those first, so no
///    `-wal` ever sits beside the restored file), kept whole for the operator to delete;
/// 3. the copy takes the database's name, owner-only and owned like the data directory.
public enum DatabaseRestore {
    /// The suffix of the file the database replaced by a restore is kept as, before its stamp.
    public static let replacedSuffix = ".before-restore-"

    /// What to do when the data directory to restore into does not exist.
    public static func missingDirectoryMessage(_ directory: String) -> String {
        "data directory \(directory) does not exist: create it (mode 0700, owned by the daemon's user), or start the daemon once and stop it, then restore"
    }

    /// Restores `backup` into `configuration`'s data directory; `stamp` names the kept database
    /// (`reviewroom.sqlite3.before-restore-STAMP`).
    /// - Throws: `.restoreFailed` naming what is wrong with `backup` or the directory; nothing
    ///   in the data directory has changed then, except when a rename itself fails (the message
    ///   says where each file is).
    public static func restore(backup: String, into configuration: StoreConfiguration, stamp: String) throws -> RestoreOutcome {
        let directory = configuration.dataDirectory
        let database = configuration.databasePath
        try checkSource(backup, database: database)
        var directoryInfo = stat()
        guard stat(directory, &directoryInfo) == 0, (directoryInfo.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError(.restoreFailed, missingDirectoryMessage(directory))
        }
        let staged = database + ".restoring"
        unlink(staged)  // a previous restore's leftover: never a database anyone opened
        try copy(backup, to: staged)
        let counts: (sessions: Int, facilitators: Int)
        do {
            counts = try check(staged, shownAs: backup)
            try giveOwnership(of: staged, like: database, directory: directoryInfo)
        } catch {
            removeDatabaseFiles(staged)
            throw error
        }
        let replaced = try moveAside(database, stamp: stamp, staged: staged)
        guard rename(staged, database) == 0 else {
            let reason = String(cString: strerror(errno))
            throw StoreError(.restoreFailed, "cannot move the checked copy \(staged) to \(database): \(reason)"
                             + (replaced.map { "; the database it replaces is at \($0)" } ?? ""))
        }
        syncDirectory(directory)
        return RestoreOutcome(databasePath: database, sessions: counts.sessions, facilitators: counts.facilitators, replacedPath: replaced)
    }

    /// Refuses a backup that is missing, not a regular file, or the database itself.
    private static func checkSource(_ backup: String, database: String) throws {
        var info = stat()
        guard stat(backup, &info) == 0 else {
            throw StoreError(.restoreFailed, "cannot restore \(backup): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError(.restoreFailed, "cannot restore \(backup): not a regular file (give the file `reviewroomd backup` wrote)")
        }
        var current = stat()
        if stat(database, &current) == 0, current.st_dev == info.st_dev, current.st_ino == info.st_ino {
            throw StoreError(.restoreFailed, "\(backup) is the data directory's own database: give a backup file")
        }
    }

    /// Copies `source` to a new owner-only file `destination`, synced.
    private static func copy(_ source: String, to destination: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw StoreError(.restoreFailed, "cannot read \(source): \(String(cString: strerror(errno)))") }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw StoreError(.restoreFailed, "cannot create \(destination): \(String(cString: strerror(errno)))") }
        var failure: (action: String, code: Int32)?
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        copying: while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 { failure = ("read \(source)", errno); break }
            var written = 0
            while written < count {
                let step = buffer.withUnsafeBytes { write(output, $0.baseAddress! + written, count - written) }
                if step < 0 { failure = ("write \(destination)", errno); break copying }
                written += step
            }
        }
        if failure == nil, fsync(output) != 0 { failure = ("sync \(destination)", errno) }
        close(output)
        if let failure {
            unlink(destination)
            let full = failure.code == ENOSPC ? " (the disk is full: free space in the data directory's file system)" : ""
            throw StoreError(.restoreFailed, "cannot copy the backup into the data directory: \(failure.action): \(String(cString: strerror(failure.code)))\(full); nothing was changed")
        }
    }

    /// Sessions and facilitators in the copy at `path`, once it proved a ReviewRoom database
    /// this build reads and `quick_check` found nothing wrong; `shownAs` names it in messages.
    private static func check(_ path: String, shownAs backup: String) throws -> (sessions: Int, facilitators: Int) {
        let refused = { (why: String) in StoreError(.restoreFailed, "cannot restore \(backup): \(why); nothing was changed") }
        do {
            let connection = try SQLiteConnection(path: path)
            defer { connection.close() }
            let applicationID = Int32(truncatingIfNeeded: try connection.integer("PRAGMA application_id") ?? 0)
            guard applicationID == Migrations.applicationID else {
                let objects = try connection.integer("SELECT count(*) FROM sqlite_schema") ?? 0
                throw refused(objects == 0 ? "it is an empty SQLite database, not a ReviewRoom backup"
                              : "it is an SQLite database of another application (application_id \(applicationID)), not a ReviewRoom backup")
            }
            let version = try SchemaMigrator.version(of: connection)
            guard version <= Migrations.latestVersion else {
                throw refused("it was written by a newer ReviewRoom (schema version \(version); this reviewroomd reads up to \(Migrations.latestVersion)): upgrade reviewroomd first")
            }
            let verdict = try connection.rows("PRAGMA quick_check") { $0.text(0) }
            guard verdict == ["ok"] else {
                throw refused("it is damaged (quick_check: \(verdict.prefix(3).joined(separator: "; ")))")
            }
            let sessions = try connection.integer("SELECT count(*) FROM sessions") ?? 0
            let facilitators = try connection.integer("SELECT count(*) FROM facilitators") ?? 0
            return (Int(sessions), Int(facilitators))
        } catch let error as StoreError where error.code == .restoreFailed {
            throw error
        } catch let error as StoreError where error.code == .notADatabase {
            throw refused("it is not an SQLite file")
        } catch let error as StoreError where error.code == .corrupt {
            throw refused("it is damaged (\(error.message))")
        } catch {
            throw refused("\(StoreError.wrap(error).message)")
        }
    }

    /// Makes the copy owner-only and, when run as root, owned like the database it replaces
    /// (else like the data directory): a copy left root's stops the service from opening it.
    private static func giveOwnership(of path: String, like database: String, directory: stat) throws {
        guard chmod(path, 0o600) == 0 else {
            throw StoreError(.restoreFailed, "cannot make \(path) owner-only: \(String(cString: strerror(errno)))")
        }
        guard geteuid() == 0 else { return }
        var owner = directory
        var current = stat()
        if stat(database, &current) == 0 { owner = current }
        guard chown(path, owner.st_uid, owner.st_gid) == 0 else {
            throw StoreError(.restoreFailed, "cannot give \(path) to uid \(owner.st_uid): \(String(cString: strerror(errno)))")
        }
    }

    /// Renames `database` and its `-wal` and `-shm` to `…before-restore-STAMP` (sidecars first:
    /// a `-wal` must never be left beside the file that takes the name); nil when there was none.
    private static func moveAside(_ database: String, stamp: String, staged: String) throws -> String? {
        // Never over an earlier restore's kept database (two restores within a second).
        var kept = database + replacedSuffix + stamp
        var attempt = 1
        while ["", "-wal", "-shm"].contains(where: { access(kept + $0, F_OK) == 0 }) {
            attempt += 1
            kept = database + replacedSuffix + stamp + "-\(attempt)"
        }
        var moved: [String] = []
        for suffix in ["-wal", "-shm", ""] where access(database + suffix, F_OK) == 0 {
            guard rename(database + suffix, kept + suffix) == 0 else {
                let reason = String(cString: strerror(errno))
                removeDatabaseFiles(staged)
                let where_ = moved.isEmpty ? "nothing was changed" : "already moved: \(moved.joined(separator: ", ")) (move them back by hand)"
                throw StoreError(.restoreFailed, "cannot move \(database + suffix) aside to \(kept + suffix): \(reason); \(where_)")
            }
            moved.append(kept + suffix)
        }
        return access(kept, F_OK) == 0 ? kept : nil
    }

    /// Removes a database file and the `-wal`/`-shm` SQLite may have made beside it.
    private static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Syncs the directory so the renames survive a power cut.
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}
