import Foundation
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

@Suite("Schema and migrations")
struct MigrationTests {
    @Test func emptyDirectoryGetsTheLatestSchemaAndOurApplicationID() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        await store.close()
        let connection = try SQLiteConnection(path: dir.file(StoreConfiguration.databaseFileName))
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
        #expect(try connection.integer("PRAGMA application_id") == Int64(Migrations.applicationID))
        #expect(try connection.rows("SELECT value FROM store_metadata WHERE key = 'schema_version'") { $0.text(0) } == [String(Migrations.latestVersion)])
        let tables = Set(try connection.rows("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.text(0) })
        #expect(tables.isSuperset(of: ["facilitators", "sessions", "participants", "events", "session_snapshots", "note_snapshots", "store_metadata"]))
        #expect(try connection.rows("PRAGMA journal_mode") { $0.text(0) } == ["wal"])
    }

    /// For every earlier version v (including 0, an empty file), a file at v opens and reaches the latest.
    /// (The versions a file can be at: the ones a migration produces, which may skip a number
    /// while another branch's migration is not merged yet.)
    @Test(arguments: [0] + Migrations.all.map(\.version).dropLast())
    func everyEarlierVersionMigratesToTheLatest(from version: Int) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        do {
            let connection = try SQLiteConnection(path: path, create: true)
            if version > 0 { try SchemaMigrator.migrate(connection, upTo: version, now: 0) }
            #expect(try SchemaMigrator.version(of: connection) == version)
            connection.close()
        }
        let log = AwaitableLog<String>(name: "store log")
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path), logger: CapturingLogHandler.logger(log))
        let facilitator = try await store.addFacilitator(name: "After migration")
        #expect(try await store.authenticateFacilitator(token: facilitator.token)?.id == facilitator.facilitator.id)
        await store.close()
        let connection = try SQLiteConnection(path: path)
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
        // An upgrade is announced at notice; a new (empty) file is created, not migrated.
        let migrated = log.entries.filter { $0.contains("migrated schema") }
        if version > 0 {
            #expect(migrated == ["notice migrated schema from \(version) to \(Migrations.latestVersion) path=\(path)"], "\(log.entries)")
        } else {
            #expect(migrated.isEmpty, "\(log.entries)")
        }
        // Opening it again migrates nothing.
        let again = AwaitableLog<String>(name: "second open")
        let reopened = try await Store.open(StoreConfiguration(dataDirectory: dir.path), logger: CapturingLogHandler.logger(again))
        await reopened.close()
        #expect(!again.entries.contains { $0.contains("migrated schema") })
    }

    /// v2 → v3 adds `unchanged_operations`: a v2 store with a session and its log opens, keeps
    /// them, and takes unchanged edits.
    @Test func aVersion2StoreWithASessionGainsUnchangedEdits() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 2,
                                     eventSQL: "INSERT INTO events(session, seq, at, name, data, author, op_id) VALUES ('s_1', 1, 0, 'note.op', '{}', 'p_a', 'o1')",
                                     laterTable: "unchanged_operations")
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = SessionID("s_1")
        #expect(try await store.load(id)?.events.map(\.opId) == ["o1"])
        let operation = UnchangedOperation(author: "p_a", opId: "n1", note: "evidence", rev: 1)
        try await store.recordUnchanged(operation, in: id)
        #expect(try await store.load(id)?.unchangedOperations == [operation])
        await store.close()
        let connection = try SQLiteConnection(path: path)
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
    }

    @Test func reopeningKeepsDataAndDoesNotReapplyMigrations() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let issued = try await first.addFacilitator(name: "Fran")
        await first.close()
        let second = try await Store.open(StoreConfiguration(dataDirectory: dir.path, openMode: .existingOnly))
        #expect(try await second.facilitators().map(\.id) == [issued.facilitator.id])
        await second.close()
    }

    @Test func newerSchemaIsRefusedWithAMessageAndLeftAlone() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        await store.close()
        let path = dir.file(StoreConfiguration.databaseFileName)
        let newer = Migrations.latestVersion + 1
        do {
            let connection = try SQLiteConnection(path: path)
            try connection.execute("PRAGMA user_version = \(newer)")
        }
        let error = await #expect(throws: StoreError.self) {
            try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        }
        #expect(error?.code == .schemaTooNew)
        #expect(error?.message.contains("schema version \(newer)") == true)
        #expect(error?.message.contains("up to \(Migrations.latestVersion)") == true)
        let connection = try SQLiteConnection(path: path)
        #expect(try SchemaMigrator.version(of: connection) == newer)
    }
}
