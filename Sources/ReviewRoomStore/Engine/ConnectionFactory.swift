/// Opens a configured connection for the writer or a reader.
enum ConnectionFactory {
    /// Opens the writer's connection: checks the file is ours, switches to WAL, applies the
    /// durability mode and limits, and migrates the schema. `migratedFrom` is set to the
    /// version an existing schema was upgraded from, when one was.
    static func openWriter(_ configuration: StoreConfiguration, now: Int64, migratedFrom: inout Int?) throws -> SQLiteConnection {
        if try !DataDirectory.prepare(configuration), configuration.openMode == .createIfNeeded {
            try DataDirectory.createPrivateDatabaseFile(configuration)
        }
        let connection = try SQLiteConnection(path: configuration.databasePath, create: configuration.openMode == .createIfNeeded)
        try connection.execute("PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds)")
        // Read the header before changing anything, so a foreign file is never switched to WAL.
        try refuseForeignFile(connection)
        DataDirectory.restrictExistingFiles(configuration)
        try connection.execute("PRAGMA journal_mode = WAL")
        try connection.execute("PRAGMA synchronous = \(configuration.durability.synchronousPragma)")
        try connection.execute("PRAGMA foreign_keys = ON")
        try connection.execute("PRAGMA secure_delete = ON")
        try connection.execute("PRAGMA temp_store = MEMORY")
        // 16 MiB of page cache (default 2 MiB): appends from a thousand live sessions touch a
        // thousand index leaves, and re-reading them after every checkpoint showed as pread.
        try connection.execute("PRAGMA cache_size = -16384")
        try connection.execute("PRAGMA journal_size_limit = \(configuration.walSizeLimitBytes)")
        if let pages = configuration.maxPageCount {
            try connection.execute("PRAGMA max_page_count = \(pages)")
        }
        migratedFrom = try SchemaMigrator.migrate(connection, now: now)
        return connection
    }

    /// ``openWriter(_:now:migratedFrom:)`` for callers that do not ask about migrations.
    static func openWriter(_ configuration: StoreConfiguration, now: Int64) throws -> SQLiteConnection {
        var ignored: Int?
        return try openWriter(configuration, now: now, migratedFrom: &ignored)
    }

    /// Opens a reader connection on a database the writer has already prepared.
    static func openReader(_ configuration: StoreConfiguration) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: configuration.databasePath)
        try connection.execute("PRAGMA busy_timeout = \(configuration.busyTimeoutMilliseconds)")
        try connection.execute("PRAGMA query_only = ON")
        return connection
    }

    private static func refuseForeignFile(_ connection: SQLiteConnection) throws {
        let applicationID = Int32(truncatingIfNeeded: try connection.integer("PRAGMA application_id") ?? 0)
        if applicationID == Migrations.applicationID { return }
        let objects = try connection.integer("SELECT count(*) FROM sqlite_schema") ?? 0
        if applicationID != 0 || objects > 0 {
            throw StoreError(.foreignDatabase, "\(connection.path) is an SQLite database of another application (application_id \(applicationID), \(objects) schema objects), not a ReviewRoom database: point data_dir elsewhere")
        }
    }
}
