import CSQLite

/// One SQLite connection, confined to the single thread that opened it.
///
/// Deliberately not `Sendable`: the writer thread and each reader thread open their own
/// connection and never hand it to anyone else. Prepared statements are cached per SQL text.
final class SQLiteConnection {
    /// The database file.
    let path: String
    private var handle: OpaquePointer?
    private var cache: [String: SQLiteStatement] = [:]

    /// Opens (and with `create`, creates) the database at `path`.
    init(path: String, readOnly: Bool = false, create: Bool = false) throws {
        self.path = path
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly { flags |= SQLITE_OPEN_CREATE }
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        if rc != SQLITE_OK {
            let error = StoreError.sqlite(rc, db: db, path: path, doing: "open the database")
            sqlite3_close_v2(db)
            throw error
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    /// Finalizes cached statements and closes the connection; later calls fail with `.closed`.
    func close() {
        cache.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// The raw handle, or `.closed` when closed.
    func rawHandle() throws -> OpaquePointer {
        guard let handle else { throw StoreError(.closed, "the connection to \(path) is closed") }
        return handle
    }

    /// Whether a transaction is open (false after SQLite rolled one back by itself, e.g. on SQLITE_FULL).
    var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Runs one or more SQL statements that return no rows we need.
    func execute(_ sql: String) throws {
        let db = try rawHandle()
        let rc = sqlite3_exec(db, sql, nil, nil, nil)
        try check(rc, doing: "run `\(sql.prefix(60))`")
    }

    /// A cached prepared statement for `sql`, reset and with bindings cleared.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        let db = try rawHandle()
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        try check(rc, doing: "prepare `\(sql.prefix(60))`")
        guard let stmt else { throw StoreError(.invalidInput, "empty SQL statement") }
        let statement = SQLiteStatement(stmt, connection: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs a query and maps each row; for one-off reads.
    func rows<T>(_ sql: String, _ bind: (SQLiteStatement) throws -> Void = { _ in }, map: (SQLiteStatement) throws -> T) throws -> [T] {
        let stmt = try statement(sql)
        try bind(stmt)
        var out: [T] = []
        while try stmt.step() { out.append(try map(stmt)) }
        return out
    }

    /// Runs a statement with bindings; returns the number of rows changed.
    @discardableResult
    func run(_ sql: String, _ bind: (SQLiteStatement) throws -> Void = { _ in }) throws -> Int {
        let stmt = try statement(sql)
        try bind(stmt)
        while try stmt.step() {}
        return Int(sqlite3_changes(try rawHandle()))
    }

    /// The single integer a query like `PRAGMA user_version` returns.
    func integer(_ sql: String, _ bind: (SQLiteStatement) throws -> Void = { _ in }) throws -> Int64? {
        try rows(sql, bind) { $0.isNull(0) ? nil : $0.int64(0) }.first ?? nil
    }

    /// Throws the mapped error unless `rc` is `SQLITE_OK`, `SQLITE_ROW` or `SQLITE_DONE`.
    func check(_ rc: Int32, doing action: @autoclosure () -> String) throws {
        if rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE { return }
        throw StoreError.sqlite(rc, db: handle, path: path, doing: action())
    }

    /// Runs `body` in a savepoint: released on success, rolled back on error (and rethrown).
    func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT job")
        do {
            let value = try body()
            try execute("RELEASE job")
            return value
        } catch {
            try? execute("ROLLBACK TO job")
            try? execute("RELEASE job")
            throw error
        }
    }
}
