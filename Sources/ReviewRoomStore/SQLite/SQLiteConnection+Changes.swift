import CSQLite

extension SQLiteConnection {
    /// Rows changed by every statement run on this connection since it opened (0 once closed).
    var totalChanges: Int64 {
        guard let handle = try? rawHandle() else { return 0 }
        return sqlite3_total_changes64(handle)
    }
}

extension SQLiteConnection {
    /// The rowid of the row the last successful `INSERT` on this connection added (0 if none).
    var lastInsertRowID: Int64 {
        guard let handle = try? rawHandle() else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }
}
