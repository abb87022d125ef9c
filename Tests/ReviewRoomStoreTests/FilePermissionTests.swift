import Foundation
import Testing
@testable import ReviewRoomStore

/// The database files are the daemon user's alone, whatever the umask and the data directory's mode.
@Suite("Database file permissions")
struct FilePermissionTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aNewStoreInAnOpenDirectoryIsOwnerOnly() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A directory the operator made world-readable (what `mkdir` does under umask 022).
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        _ = try await store.addFacilitator(name: "Ann", email: nil)
        let path = dir.file(StoreConfiguration.databaseFileName)
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try Self.mode(file)
            #expect(mode & 0o077 == 0, "\(file) is readable by others: \(String(mode, radix: 8))")
        }
        await store.close()
    }

    @Test func anExistingDatabaseReadableByOthersIsMadeOwnerOnlyWhenOpened() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        do {
            let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
            await store.close()
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        #expect(try Self.mode(path) == 0o600)
        await store.close()
    }

    @Test func aForeignFileKeepsItsMode() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: dir.path)) }
        #expect(try Self.mode(path) == 0o644, "a file that is not ours is never touched")
    }
}
