import CSQLite

/// A prepared statement of one `SQLiteConnection`, used on that connection's thread only.
final class SQLiteStatement {
    private let stmt: OpaquePointer
    private unowned let connection: SQLiteConnection
    /// The SQL text, for error messages.
    let sql: String

    init(_ stmt: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.stmt = stmt
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    /// Resets the statement and clears its bindings for reuse.
    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    /// Steps once: `true` when a row is ready, `false` when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(stmt)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        // The step's error is also reported by reset; reset first so the statement is reusable.
        sqlite3_reset(stmt)
        try connection.check(rc, doing: "run `\(sql.prefix(60))`")
        return false
    }

    /// Binds text (or NULL) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: String?) throws {
        let rc: Int32
        if var value {
            // By byte count, not -1: a NUL inside the text (JSON allows `\u0000`) must not cut it
            // short, or two opIds differing only after one would collide in the unique index.
            rc = value.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { chars in
                    guard let start = chars.baseAddress else {
                        return sqlite3_bind_text(stmt, index, "", 0, reviewroom_sqlite_transient())
                    }
                    return sqlite3_bind_text(stmt, index, start, Int32(chars.count), reviewroom_sqlite_transient())
                }
            }
        } else {
            rc = sqlite3_bind_null(stmt, index)
        }
        try connection.check(rc, doing: "bind parameter \(index)")
    }

    /// Binds an integer (or NULL) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: Int64?) throws {
        let rc = value.map { sqlite3_bind_int64(stmt, index, $0) } ?? sqlite3_bind_null(stmt, index)
        try connection.check(rc, doing: "bind parameter \(index)")
    }

    /// Binds bytes (or NULL) to the 1-based parameter `index`.
    func bind(_ index: Int32, _ value: [UInt8]?) throws {
        let rc: Int32
        if let value {
            rc = value.withUnsafeBytes {
                sqlite3_bind_blob(stmt, index, $0.baseAddress, Int32($0.count), reviewroom_sqlite_transient())
            }
        } else {
            rc = sqlite3_bind_null(stmt, index)
        }
        try connection.check(rc, doing: "bind parameter \(index)")
    }

    /// Whether column `index` (0-based) of the current row is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(stmt, index) == SQLITE_NULL }

    /// Column `index` as an integer.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(stmt, index) }

    /// Column `index` as text ("" for NULL).
    func text(_ index: Int32) -> String {
        guard let cString = sqlite3_column_text(stmt, index) else { return "" }
        let count = Int(sqlite3_column_bytes(stmt, index))
        return String(decoding: UnsafeBufferPointer(start: cString, count: count), as: UTF8.self)
    }

    /// Column `index` as text, or nil for NULL.
    func optionalText(_ index: Int32) -> String? { isNull(index) ? nil : text(index) }

    /// Column `index` as an integer, or nil for NULL.
    func optionalInt64(_ index: Int32) -> Int64? { isNull(index) ? nil : int64(index) }
}
