import Foundation
import Testing
@testable import ReviewRoomStore

/// `reviewroomd restore`'s work (``DatabaseRestore``): a wrong file changes nothing, the replaced
/// database is kept whole, and no `-wal` of it is left beside the restored file.
@Suite("Database restore")
struct DatabaseRestoreTests {
    /// A store holding `names` as facilitators, closed; its backup written to `backup`.
    private func storeWithBackup(_ dir: TemporaryDirectory, names: [String], backup: String) async throws -> StoreConfiguration {
        let configuration = StoreConfiguration(dataDirectory: dir.file("data"))
        let store = try await Store.open(configuration)
        for name in names { _ = try await store.addFacilitator(name: name, email: nil) }
        try await store.backup(to: backup)
        await store.close()
        return configuration
    }

    private func facilitatorNames(_ dataDirectory: String) async throws -> [String] {
        let store = try await Store.open(StoreConfiguration(dataDirectory: dataDirectory, openMode: .existingOnly))
        defer { Task { await store.close() } }
        return try await store.facilitators().map(\.name).sorted()
    }

    @Test func aBackupReplacesTheDatabaseWhichIsKeptWithItsWAL() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let backup = dir.file("backup.sqlite3")
        let configuration = try await storeWithBackup(dir, names: ["Kim"], backup: backup)
        // Lee is added after the backup, and left in a -wal as a crash leaves it: a second
        // connection keeps the WAL from being folded in and removed when the store closes.
        let store = try await Store.open(configuration)
        _ = try await store.addFacilitator(name: "Lee", email: nil)
        let holder = try SQLiteConnection(path: configuration.databasePath)
        _ = try holder.integer("SELECT count(*) FROM facilitators")
        await store.close()
        #expect(FileManager.default.fileExists(atPath: configuration.databasePath + "-wal"))

        let outcome = try DatabaseRestore.restore(backup: backup, into: configuration, stamp: "T1")
        holder.close()
        #expect(outcome.sessions == 0 && outcome.facilitators == 1)
        let kept = try #require(outcome.replacedPath)
        #expect(kept == configuration.databasePath + ".before-restore-T1")
        #expect(!FileManager.default.fileExists(atPath: configuration.databasePath + "-wal"), "no -wal beside the restored file")
        #expect(try await facilitatorNames(configuration.dataDirectory) == ["Kim"])
        let mode = try FileManager.default.attributesOfItem(atPath: configuration.databasePath)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // The kept database opens whole, Lee included (its -wal moved with it).
        let keptDir = dir.file("kept")
        try FileManager.default.createDirectory(atPath: keptDir, withIntermediateDirectories: false)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: kept + suffix) {
            try FileManager.default.moveItem(atPath: kept + suffix, toPath: keptDir + "/" + StoreConfiguration.databaseFileName + suffix)
        }
        #expect(try await facilitatorNames(keptDir) == ["Kim", "Lee"])
    }

    @Test func aSecondRestoreInTheSameSecondKeepsTheFirstOnesFile() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let backup = dir.file("backup.sqlite3")
        let configuration = try await storeWithBackup(dir, names: ["Kim"], backup: backup)
        let first = try DatabaseRestore.restore(backup: backup, into: configuration, stamp: "T1")
        let second = try DatabaseRestore.restore(backup: backup, into: configuration, stamp: "T1")
        #expect(first.replacedPath != second.replacedPath)
        #expect(second.replacedPath == configuration.databasePath + ".before-restore-T1-2")
        #expect(FileManager.default.fileExists(atPath: try #require(first.replacedPath)))
    }

    /// Each wrong file is refused with what is wrong with it, and the database stays as it was.
    @Test(arguments: ["missing", "directory", "text", "empty", "foreign", "newer", "damaged", "itself"])
    func aWrongFileChangesNothing(kind: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let backup = dir.file("backup.sqlite3")
        let configuration = try await storeWithBackup(dir, names: ["Kim"], backup: backup)
        let before = StoreFixtures.fileBytes(configuration)
        let source: String
        let expected: String
        switch kind {
        case "missing": source = dir.file("nope.sqlite3"); expected = "No such file"
        case "directory": source = dir.path; expected = "not a regular file"
        case "text":
            source = dir.file("notes.txt"); expected = "not an SQLite file"
            try Data("meeting notes\n".utf8).write(to: URL(fileURLWithPath: source))
        case "empty":
            source = dir.file("empty.sqlite3"); expected = "empty SQLite database"
            try Data().write(to: URL(fileURLWithPath: source))
        case "foreign":
            source = dir.file("other.sqlite3"); expected = "another application"
            let other = try SQLiteConnection(path: source, create: true)
            try other.execute("CREATE TABLE photos (id INTEGER)")
            other.close()
        case "newer":
            source = backup; expected = "written by a newer ReviewRoom"
            let copy = try SQLiteConnection(path: backup)
            try copy.execute("PRAGMA user_version = \(Migrations.latestVersion + 1)")
            copy.close()
        case "damaged":
            source = backup; expected = "damaged"
            try damage(backup)
        default: source = configuration.databasePath; expected = "own database"
        }
        #expect {
            _ = try DatabaseRestore.restore(backup: source, into: configuration, stamp: "T1")
        } throws: { error in
            guard let failure = error as? StoreError, failure.code == .restoreFailed else { return false }
            return failure.message.contains(expected)
        }
        #expect(StoreFixtures.fileBytes(configuration) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: configuration.dataDirectory)
        #expect(left == [StoreConfiguration.databaseFileName], "nothing staged or moved: \(left)")
    }

    @Test func aMissingDataDirectoryIsNamed() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let backup = dir.file("backup.sqlite3")
        _ = try await storeWithBackup(dir, names: ["Kim"], backup: backup)
        let elsewhere = StoreConfiguration(dataDirectory: dir.file("not-made"))
        #expect {
            _ = try DatabaseRestore.restore(backup: backup, into: elsewhere, stamp: "T1")
        } throws: { error in
            (error as? StoreError)?.message.contains("data directory \(dir.file("not-made")) does not exist") == true
        }
    }

    /// Overwrites the middle of the last page of each table's b-tree root region: `quick_check`
    /// then finds the file damaged.
    private func damage(_ path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        var offset: UInt64 = 4096
        while offset + 4096 <= size {
            try handle.seek(toOffset: offset + 8)
            handle.write(Data(repeating: 0xA5, count: 64))
            offset += 4096
        }
    }
}
