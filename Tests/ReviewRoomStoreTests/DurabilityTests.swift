import Foundation
import Testing
@testable import ReviewRoomStore

@Suite("Durability settings and damaged files")
struct DurabilityTests {
    /// `process` commits without fsync (`synchronous=NORMAL` = 1), `power` fsyncs the WAL (`FULL` = 2).
    @Test(arguments: [(Durability.process, Int64(1)), (Durability.power, Int64(2))])
    func durabilityModesSetSQLiteSynchronous(mode: Durability, expected: Int64) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let connection = try ConnectionFactory.openWriter(StoreConfiguration(dataDirectory: dir.path, durability: mode), now: 0)
        #expect(try connection.integer("PRAGMA synchronous") == expected)
        #expect(try connection.rows("PRAGMA journal_mode") { $0.text(0) } == ["wal"])
        #expect(try connection.integer("PRAGMA foreign_keys") == 1)
        #expect(try connection.integer("PRAGMA secure_delete") == 1)
    }

    /// A ReviewRoom file whose schema page is overwritten reports `corrupt` and points to backups.
    @Test func aDamagedDatabaseReportsCorrupt() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        _ = try await StoreFixtures.session(in: store)
        await store.close()
        let path = dir.file(StoreConfiguration.databaseFileName)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        // Keep the 100-byte header (so it is still recognisably SQLite), wreck the rest of page 1.
        bytes.replaceSubrange(100..<4096, with: Data(repeating: 0xA5, count: 3996))
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: dir.path)) }
        #expect(error?.code == .corrupt)
        #expect(error?.message.contains("restore it from a backup") == true)
    }
}
