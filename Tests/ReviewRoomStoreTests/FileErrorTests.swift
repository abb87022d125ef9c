import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore
import ReviewRoomTesting

@Suite("Data directory and file errors")
struct FileErrorTests {
    @Test func aFileThatIsNotSQLiteIsRefusedAndUntouched() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        let garbage = Data(String(repeating: "this is a shopping list, not a database\n", count: 200).utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        let error = await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: dir.path)) }
        #expect(error?.code == .notADatabase)
        #expect(error?.message.contains(path) == true)
        #expect(FileManager.default.contents(atPath: path) == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test(arguments: [Int32(0x1234_5678), 0])
    func anotherApplicationsSQLiteFileIsRefusedAndUntouched(applicationID: Int32) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        do {
            let foreign = try SQLiteConnection(path: path, create: true)
            try foreign.execute("PRAGMA application_id = \(applicationID); CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('soup')")
        }
        let before = FileManager.default.contents(atPath: path)
        let error = await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: dir.path)) }
        #expect(error?.code == .foreignDatabase)
        #expect(error?.message.contains("another application") == true)
        #expect(FileManager.default.contents(atPath: path) == before)
        let check = try SQLiteConnection(path: path)
        #expect(try check.rows("PRAGMA journal_mode") { $0.text(0) } == ["delete"])
    }

    @Test func aMissingParentIsAnErrorAndNothingIsCreated() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let wanted = dir.file("no-such-parent/data")
        let error = await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: wanted)) }
        #expect(error?.code == .dataDirectoryMissing)
        #expect(error?.message.contains("neither does its parent") == true)
        #expect(!FileManager.default.fileExists(atPath: dir.file("no-such-parent")))
    }

    @Test func aMissingDataDirectoryIsCreatedOnlyWhenAllowed() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let wanted = dir.file("data")
        let refused = await #expect(throws: StoreError.self) {
            try await Store.open(StoreConfiguration(dataDirectory: wanted, openMode: .existingOnly))
        }
        #expect(refused?.code == .dataDirectoryMissing)
        #expect(!FileManager.default.fileExists(atPath: wanted))
        let store = try await Store.open(StoreConfiguration(dataDirectory: wanted, openMode: .createIfNeeded))
        await store.close()
        let attributes = try FileManager.default.attributesOfItem(atPath: wanted)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect(FileManager.default.fileExists(atPath: wanted + "/" + StoreConfiguration.databaseFileName))
    }

    @Test func anEmptyDirectoryWithoutDatabaseIsRefusedForExistingOnly() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let error = await #expect(throws: StoreError.self) {
            try await Store.open(StoreConfiguration(dataDirectory: dir.path, openMode: .existingOnly))
        }
        #expect(error?.code == .databaseMissing)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aDataDirectoryThatIsAFileIsRefused() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.file("plain")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let error = await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: file)) }
        #expect(error?.code == .dataDirectoryMissing)
        #expect(error?.message.contains("not a directory") == true)
    }

    /// As root, permissions do not stop writes, so the read-only directory is a read-only tmpfs
    /// mount; as another user it is a directory with mode 0500.
    @Test func aReadOnlyDataDirectoryIsRefused() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var target = dir.file("ro")
        let mount = TmpfsMount.mount(in: dir.path, sizeKiB: 64, readOnly: true)
        defer { mount?.unmount() }
        if let mount {
            target = mount.path
        } else {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
            guard geteuid() != 0 else {
                Issue.record("running as root without permission to mount: cannot make a read-only directory")
                return
            }
        }
        let error = await #expect(throws: StoreError.self) { try await Store.open(StoreConfiguration(dataDirectory: target)) }
        #expect(error?.code == .dataDirectoryNotWritable)
        #expect(error?.message.contains("not writable") == true)
        if mount != nil {
            // Under systemd's ProtectSystem=strict every path outside ReadWritePaths= is such a mount.
            #expect(error?.message.contains("read-only file system (under systemd ProtectSystem: add ReadWritePaths=\(target))") == true,
                    "\(error?.message ?? "")")
        }
    }

    /// SQLITE_FULL provoked for real with `max_page_count` (a quota): the failed append reports
    /// `diskFull`, stores nothing, and what was acknowledged before is intact.
    @Test func aFullDatabaseReportsDiskFullAndKeepsEarlierAppends() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path, maxPageCount: 60))
        let (_, created) = try await StoreFixtures.session(in: store)
        try await expectDiskFull(store: store, session: created.session.id)
        await store.close()
    }

    /// The same on a real, tiny tmpfs (ENOSPC from the kernel), when the test may mount one.
    @Test func aFullDiskReportsDiskFull() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        guard let mount = TmpfsMount.mount(in: dir.path, sizeKiB: 256) else { return }
        defer { mount.unmount() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: mount.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        try await expectDiskFull(store: store, session: created.session.id)
        await store.close()
    }

    private func expectDiskFull(store: Store, session: SessionID) async throws {
        let (failure, seq) = try await StoreFilling.appendUntilRefused(store, session: session)
        #expect(failure?.code == .diskFull)
        #expect(failure?.message.contains("full") == true)
        let stored = try await store.events(of: session, after: 0)
        #expect(stored.map(\.seq) == Array(stride(from: Int64(1), through: seq, by: 1)))
        #expect(seq > 0)
    }
}
