#if canImport(Glibc)
import Glibc
#endif

extension DataDirectory {
    /// The error for a data directory this user may not even look into.
    static func permissionDenied(_ dir: String) -> StoreError {
        StoreError(.dataDirectoryNotWritable, "cannot access \(dir): permission denied (run with sudo)")
    }

    /// The error for a data directory on a read-only mount; systemd's `ProtectSystem=strict`
    /// makes every path read-only except those the unit lists in `ReadWritePaths=`.
    static func readOnly(_ dir: String, creating: Bool) -> StoreError {
        let action = creating ? "cannot create data directory \(dir)" : "data directory \(dir) is not writable"
        return StoreError(.dataDirectoryNotWritable,
                          "\(action): read-only file system (under systemd ProtectSystem: add ReadWritePaths=\(dir))")
    }

    /// Refuses an existing database, `-wal` or `-shm` file this user cannot read and write, naming
    /// its owner when that is the cause (a backup restored by root over a DynamicUser's data).
    static func checkDatabaseFilesUsable(_ configuration: StoreConfiguration) throws {
        let path = configuration.databasePath
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard stat(file, &info) == 0, access(file, R_OK | W_OK) != 0 else { continue }
            let name = String(file.split(separator: "/").last ?? Substring(file))
            if info.st_uid != geteuid() {
                throw StoreError(.dataDirectoryNotWritable,
                                 "\(name) is owned by uid \(info.st_uid) but the daemon runs as uid \(geteuid()): "
                                 + "give it to the daemon's user (chown \(geteuid()):\(getegid()) \(file))")
            }
            throw StoreError(.dataDirectoryNotWritable,
                             "\(file) is not readable and writable by its owner (mode \(String(info.st_mode & 0o777, radix: 8))): chmod 600 \(file)")
        }
    }

    /// ` (uid M; it is owned by uid N)` when the directory belongs to someone else, else empty.
    static func ownerClause(_ info: stat) -> String {
        info.st_uid == geteuid() ? "" : " (uid \(geteuid()); it is owned by uid \(info.st_uid))"
    }
}
