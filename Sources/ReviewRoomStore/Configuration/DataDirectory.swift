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
                throw StoreError(.dataDirectoryNotWritable, "cannot create data directory \(dir): \(reason)")
            }
            return false
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw StoreError(.dataDirectoryMissing, "data directory \(dir) is not a directory")
        }
        let exists = access(configuration.databasePath, F_OK) == 0
        if !exists && configuration.openMode == .existingOnly {
            throw StoreError(.databaseMissing, "no ReviewRoom database in \(dir) (expected \(StoreConfiguration.databaseFileName)): check data_dir / --data-dir")
        }
        if access(dir, W_OK) != 0 || isReadOnlyFileSystem(dir) {
            throw StoreError(.dataDirectoryNotWritable, "data directory \(dir) is not writable by this user (SQLite needs to create its -wal and -shm files there)")
        }
        return exists
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
