#if canImport(Glibc)
import Glibc
#endif

/// Checks (and, when allowed, creates) the data directory before SQLite touches it, so a wrong
/// path gives a specific error instead of a new database in the wrong place.
///
/// Policy: with `.createIfNeeded` the data directory itself is created (mode 0700) when its parent
/// exists; a missing parent is an error (a typo in `data_dir` must not build a tree). With
/// `.existingOnly` the directory and the database file must both exist.
enum DataDirectory {
    /// Validates `configuration`'s directory; returns whether the database file exists already.
    static func prepare(_ configuration: StoreConfiguration) throws -> Bool {
        let dir = configuration.dataDirectory
        guard !dir.isEmpty else { throw StoreError(.dataDirectoryMissing, "the data directory path is empty: set data_dir or --data-dir") }
        var info = stat()
        if stat(dir, &info) != 0 {
            // A directory we may not look into (DynamicUser's /var/lib/private is 0700 root) is
            // not a missing one: saying so, or trying to create it, would mislead.
            if errno == EACCES { throw permissionDenied(dir) }
            guard configuration.openMode == .createIfNeeded else {
                throw StoreError(.dataDirectoryMissing, "data directory \(dir) does not exist: check data_dir / --data-dir, or run `reviewroomd serve` once to create it")
            }
            let parent = parentPath(of: dir)
            var parentInfo = stat()
            guard stat(parent, &parentInfo) == 0, (parentInfo.st_mode & S_IFMT) == S_IFDIR else {
                throw StoreError(.dataDirectoryMissing, "data directory \(dir) does not exist and neither does its parent \(parent): create the parent or fix data_dir")
            }
            if mkdir(dir, 0o700) != 0 {
                let reason = String(cString: strerror(errno))
                if errno == ENOSPC { throw StoreError(.diskFull, "cannot create data directory \(dir): the disk is full") }
                if errno == EROFS { throw readOnly(dir, creating: true) }
                throw StoreError(.dataDirectoryNotWritable, "cannot create data directory \(dir): \(reason)")
            }
            return false
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError(.dataDirectoryMissing, "data directory \(dir) is not a directory")
        }
        let exists = access(configuration.databasePath, F_OK) == 0
        // A directory we may list but not enter (0700, the service user's, an admin without
        // sudo) hides its database: that is not a missing one, nor a directory to create it in.
        if !exists && errno == EACCES { throw permissionDenied(dir) }
        if !exists && configuration.openMode == .existingOnly {
            throw StoreError(.databaseMissing, "no ReviewRoom database in \(dir) (expected \(StoreConfiguration.databaseFileName)): check data_dir / --data-dir")
        }
        if isReadOnlyFileSystem(dir) { throw readOnly(dir, creating: false) }
        if access(dir, W_OK) != 0 {
            if errno == EROFS { throw readOnly(dir, creating: false) }
            throw StoreError(.dataDirectoryNotWritable, "data directory \(dir) is not writable by this user"
                + ownerClause(info) + ": SQLite needs to create its -wal and -shm files there")
        }
        if exists { try checkDatabaseFilesUsable(configuration) }
        return exists
    }

    /// Creates a new database file empty with mode 0600 before SQLite opens it, whatever the
    /// umask and however the data directory was made (an existing 0755 `--data-dir` would
    /// otherwise expose every note, name and token hash to all local users). SQLite gives its
    /// `-wal` and `-shm` files the database file's mode.
    static func createPrivateDatabaseFile(_ configuration: StoreConfiguration) throws {
        let path = configuration.databasePath
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            guard errno != EEXIST else { return }
            let reason = String(cString: strerror(errno))
            if errno == ENOSPC { throw StoreError(.diskFull, "cannot create \(path): the disk is full") }
            throw StoreError(.dataDirectoryNotWritable, "cannot create \(path): \(reason)")
        }
        close(descriptor)
    }

    /// Sets an existing ReviewRoom database and its `-wal` and `-shm` files that others may read
    /// (made by an earlier version under a permissive umask) to 0600. Called only once the file
    /// is known to be ours: a foreign file is never touched.
    static func restrictExistingFiles(_ configuration: StoreConfiguration) {
        let path = configuration.databasePath
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            if stat(file, &info) == 0, info.st_mode & 0o077 != 0 {
                _ = chmod(file, 0o600)
            }
        }
    }

    /// `dir` without its last component ("/" or "." when there is none).
    static func parentPath(of dir: String) -> String {
        var trimmed = Substring(dir)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Whether `path` is on a read-only mount (which `access` ignores for root).
    private static func isReadOnlyFileSystem(_ path: String) -> Bool {
        var fs = statvfs()
        guard statvfs(path, &fs) == 0 else { return false }
        return (fs.f_flag & UInt(ST_RDONLY)) != 0
    }
}
