import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

@Suite("Backup")
struct BackupTests {
    /// A backup taken while appends run opens as a store and holds a gapless prefix of the log;
    /// once appends stop, a second backup equals the original.
    @Test func aBackupOfALiveStoreOpensAndMatches() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (facilitator, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let backupDir = dir.file("backup")
        try FileManager.default.createDirectory(atPath: backupDir, withIntermediateDirectories: false)
        let appender = Task {
            for seq in Int64(1)...400 { _ = try await store.append([StoreFixtures.event(seq)], to: id) }
        }
        try await store.backup(to: backupDir + "/" + StoreConfiguration.databaseFileName)
        try await appender.value
        let copy = try await Store.open(StoreConfiguration(dataDirectory: backupDir, openMode: .existingOnly))
        let copied = try await copy.events(of: id, after: 0)
        #expect(copied.map(\.seq) == Array(stride(from: Int64(1), through: copied.last?.seq ?? 0, by: 1)))
        #expect(copied == Array(try await store.events(of: id, after: 0).prefix(copied.count)))
        #expect(try await copy.authenticateFacilitator(token: facilitator.token)?.id == facilitator.facilitator.id)
        await copy.close()

        let second = dir.file("second.sqlite3")
        try await store.backup(to: second)
        let finalDir = dir.file("final")
        try FileManager.default.createDirectory(atPath: finalDir, withIntermediateDirectories: false)
        try FileManager.default.moveItem(atPath: second, toPath: finalDir + "/" + StoreConfiguration.databaseFileName)
        let full = try await Store.open(StoreConfiguration(dataDirectory: finalDir, openMode: .existingOnly))
        // Equal but for the epoch, which every backup renews.
        var restored = try #require(try await full.load(id))
        let original = try #require(try await store.load(id))
        #expect(restored.session.epoch != original.session.epoch)
        restored.session.epoch = original.session.epoch
        #expect(restored == original)
        #expect(try await full.facilitators() == (try await store.facilitators()))
        await full.close()
        await store.close()
    }

    /// PROTOCOL §3.1: a restored backup cannot continue the history clients saw after it was
    /// taken, so every session in the copy has a new epoch, and only the epoch differs.
    @Test func everySessionInTheCopyHasANewEpoch() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (facilitator, first) = try await StoreFixtures.session(in: store)
        let second = try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition(),
                                                   participants: [NewParticipant(name: "Cai", role: "reviewer")])
        for seq in Int64(1)...5 { _ = try await store.append([StoreFixtures.event(seq)], to: first.session.id) }
        let copyDir = dir.file("copy")
        try FileManager.default.createDirectory(atPath: copyDir, withIntermediateDirectories: false)
        try await store.backup(to: copyDir + "/" + StoreConfiguration.databaseFileName)
        let copy = try await Store.open(StoreConfiguration(dataDirectory: copyDir, openMode: .existingOnly))
        var epochs: Set<String> = []
        for id in [first.session.id, second.session.id] {
            let original = try #require(try await store.load(id))
            var restored = try #require(try await copy.load(id))
            #expect(restored.session.epoch != original.session.epoch, "session \(id) kept its epoch")
            #expect(restored.session.epoch.hasPrefix("e_"))
            epochs.insert(restored.session.epoch)
            restored.session.epoch = original.session.epoch
            #expect(restored == original)
        }
        #expect(epochs.count == 2, "each session draws its own epoch")
        // The live store is untouched.
        #expect(try await store.session(first.session.id)?.epoch == first.session.epoch)
        await copy.close()
        await store.close()
    }

    @Test func aBackupIsOwnerOnly() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        _ = try await StoreFixtures.session(in: store)
        let destination = dir.file("owner-only.sqlite3")
        try await store.backup(to: destination)
        let mode = try FileManager.default.attributesOfItem(atPath: destination)[.posixPermissions] as? Int
        #expect(mode == 0o600, "mode \(String(mode ?? 0, radix: 8))")
        #expect(try FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int ?? 0 > 0, "the copy was written")
        await store.close()
    }

    @Test func aBackupNeverOverwritesAndNeedsAnExistingDirectory() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let existing = dir.file("existing.sqlite3")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
        let overwrite = await #expect(throws: StoreError.self) { try await store.backup(to: existing) }
        #expect(overwrite?.code == .backupFailed)
        #expect(overwrite?.message.contains("exists already") == true)
        #expect(FileManager.default.contents(atPath: existing) == Data("keep me".utf8))
        let directory = await #expect(throws: StoreError.self) { try await store.backup(to: dir.path + "/") }
        #expect(directory?.message.contains("is a directory: give a file name in it, such as \(dir.path)/reviewroom-backup.sqlite3") == true,
                "\(directory?.message ?? "")")
        let nowhere = await #expect(throws: StoreError.self) { try await store.backup(to: dir.file("missing/backup.sqlite3")) }
        #expect(nowhere?.code == .backupFailed)
        #expect(nowhere?.message.contains("does not exist") == true)
        await store.close()
    }
}
