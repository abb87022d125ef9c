import CSQLite

extension StoreError {
    /// The one place that turns an SQLite result code into a `StoreError`.
    ///
    /// - Parameters:
    ///   - rc: the (extended) result code.
    ///   - db: the connection, for `sqlite3_errmsg`; may be nil.
    ///   - path: the database file, named in the message.
    ///   - action: what the store was doing ("open the database", "commit").
    static func sqlite(_ rc: Int32, db: OpaquePointer?, path: String, doing action: String) -> StoreError {
        let detail = db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(rc))
        let primary = rc & 0xff
        switch primary {
        case SQLITE_NOTADB:
            return StoreError(.notADatabase, "\(path) is not a ReviewRoom database (not an SQLite file at all): move it away or point data_dir elsewhere", sqliteCode: rc)
        case SQLITE_FULL:
            return StoreError(.diskFull, "the disk holding \(path) is full (or its size limit is reached): could not \(action); free space and retry", sqliteCode: rc)
        case SQLITE_CORRUPT:
            return StoreError(.corrupt, "\(path) is damaged (\(detail)) while trying to \(action): restore it from a backup", sqliteCode: rc)
        case SQLITE_BUSY, SQLITE_LOCKED:
            return StoreError(.busy, "\(path) stayed locked by another process past the busy timeout while trying to \(action)", sqliteCode: rc)
        case SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM:
            return StoreError(.dataDirectoryNotWritable, "cannot \(action) at \(path): \(detail) (is the data directory writable by this user?)", sqliteCode: rc)
        case SQLITE_CONSTRAINT:
            return StoreError(.invalidInput, "could not \(action): \(detail)", sqliteCode: rc)
        case SQLITE_IOERR:
            // SQLite reports a full disk or a file system remounted read-only (after an error) as
            // an I/O error of whichever call failed; errno says which it was. Read at once: the
            // caller has made no system call since.
            switch lastErrno() {
            case ENOSPC:
                return StoreError(.diskFull, "the disk holding \(path) is full: could not \(action); free space and retry", sqliteCode: rc)
            case EROFS:
                return StoreError(.dataDirectoryNotWritable, "the file system holding \(path) is read-only (remounted after an error?): could not \(action)", sqliteCode: rc)
            default: break
            }
            return StoreError(.sqlite, "I/O error on \(path) while trying to \(action): \(detail)", sqliteCode: rc)
        default:
            return StoreError(.sqlite, "SQLite error \(rc) on \(path) while trying to \(action): \(detail)", sqliteCode: rc)
        }
    }

    /// The last system call's errno.
    private static func lastErrno() -> Int32 {
        #if canImport(Glibc)
        return errno
        #else
        return 0
        #endif
    }

    /// The database file at `path` was deleted, renamed or replaced while the store had it open.
    static func databaseMoved(_ path: String) -> StoreError {
        StoreError(.databaseMoved, "the database file \(path) was deleted, renamed or replaced while the daemon had it open "
            + "(a restore or an rm with the daemon running?): nothing more can be stored. Restart the daemon to open what is at "
            + "\(path) now, or put the file back")
    }
}

#if canImport(Glibc)
import Glibc
#endif
