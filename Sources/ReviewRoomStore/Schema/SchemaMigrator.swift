/// Recognises our files and brings their schema up to `Migrations.latestVersion`.
enum SchemaMigrator {
    /// Checks the file is ours (or empty) and applies every missing migration up to `target`,
    /// all in one `BEGIN IMMEDIATE` transaction. Returns the version it migrated from when it
    /// upgraded an existing schema (nil for a new file or one already at `target`).
    @discardableResult
    static func migrate(_ connection: SQLiteConnection, upTo target: Int = Migrations.latestVersion, now: Int64) throws -> Int? {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let from = try migrateInTransaction(connection, upTo: target, now: now)
            try connection.execute("COMMIT")
            return from
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    static func version(of connection: SQLiteConnection) throws -> Int {
        Int(try connection.integer("PRAGMA user_version") ?? 0)
    }

    private static func migrateInTransaction(_ connection: SQLiteConnection, upTo target: Int, now: Int64) throws -> Int? {
        let applicationID = Int32(truncatingIfNeeded: try connection.integer("PRAGMA application_id") ?? 0)
        let tableCount = try connection.integer("SELECT count(*) FROM sqlite_schema") ?? 0
        let path = connection.path
        if applicationID != Migrations.applicationID {
            guard applicationID == 0, tableCount == 0 else {
                throw StoreError(.foreignDatabase, "\(path) is an SQLite database of another application (application_id \(applicationID), \(tableCount) schema objects), not a ReviewRoom database: point data_dir elsewhere")
            }
        }
        let current = try version(of: connection)
        if current > Migrations.latestVersion {
            throw StoreError(.schemaTooNew, "\(path) has schema version \(current), but this reviewroomd understands versions up to \(Migrations.latestVersion): it was written by a newer ReviewRoom; upgrade reviewroomd or restore a backup made by this version")
        }
        guard current < target else { return nil }
        for migration in Migrations.all where migration.version > current && migration.version <= target {
            try connection.execute(migration.sql)
            try connection.execute("PRAGMA user_version = \(migration.version)")
            try connection.run("INSERT OR REPLACE INTO store_metadata(key, value) VALUES ('schema_version', ?1)") { try $0.bind(1, String(migration.version)) }
            try connection.run("INSERT OR REPLACE INTO store_metadata(key, value) VALUES ('migration.' || ?1, ?2)") {
                try $0.bind(1, String(migration.version))
                try $0.bind(2, "\(migration.summary) at \(now)")
            }
        }
        if applicationID == 0 {
            try connection.execute("PRAGMA application_id = \(Migrations.applicationID)")
            try connection.run("INSERT OR REPLACE INTO store_metadata(key, value) VALUES ('application', 'ReviewRoom')")
        }
        return current > 0 ? current : nil
    }
}
