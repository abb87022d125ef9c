import Foundation
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
    @Test(arguments: 0..<Migrations.latestVersion)
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
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let facilitator = try await store.addFacilitator(name: "After migration")
        #expect(try await store.authenticateFacilitator(token: facilitator.token)?.id == facilitator.facilitator.id)
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
