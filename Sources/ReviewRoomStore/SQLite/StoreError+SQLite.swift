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
            // Extended codes are function-like macros that do not import: IOERR_WRITE = 778, IOERR_FSYNC = 1034.
            if rc == 778 || rc == 1034, errnoIsNoSpace() {
                return StoreError(.diskFull, "the disk holding \(path) is full: could not \(action); free space and retry", sqliteCode: rc)
            }
            return StoreError(.sqlite, "I/O error on \(path) while trying to \(action): \(detail)", sqliteCode: rc)
        default:
            return StoreError(.sqlite, "SQLite error \(rc) on \(path) while trying to \(action): \(detail)", sqliteCode: rc)
        }
    }

    /// Whether the last system call failed with ENOSPC (SQLite reports some full disks as I/O errors).
    private static func errnoIsNoSpace() -> Bool {
        #if canImport(Glibc)
        return errno == 28
        #else
        return false
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
