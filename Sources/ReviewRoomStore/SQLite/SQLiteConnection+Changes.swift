import CSQLite

extension SQLiteConnection {
    /// Rows changed by every statement run on this connection since it opened (0 once closed).
    var totalChanges: Int64 {
        guard let handle = try? rawHandle() else { return 0 }
        return sqlite3_total_changes64(handle)
    }
}

extension SQLiteConnection {
    /// Whether the main database file was deleted, renamed or replaced since this connection
    /// opened it (`SQLITE_FCNTL_HAS_MOVED`: an `fstat` of the open file against a `stat` of its
    /// path). False when it cannot tell.
    var databaseFileHasMoved: Bool {
        guard let handle = try? rawHandle() else { return false }
        var moved: Int32 = 0
        guard sqlite3_file_control(handle, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK else { return false }
        return moved != 0
    }
}

extension SQLiteConnection {
    /// The rowid of the row the last successful `INSERT` on this connection added (0 if none).
    var lastInsertRowID: Int64 {
        guard let handle = try? rawHandle() else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }
}
