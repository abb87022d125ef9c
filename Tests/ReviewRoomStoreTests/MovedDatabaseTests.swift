import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// The database file deleted, renamed or replaced while the store has it open (a restore or an
/// `rm` with the daemon running): SQLite goes on committing into the open file, which nobody will
/// open again, so nothing committed from then on is acknowledged, and the failure stands (for
/// `/readyz`) until the file is back where it was.
@Suite("A database moved underneath the store")
struct MovedDatabaseTests {
    @Test func appendsAfterTheFileWasMovedAreRefusedUntilItIsBack() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path, commitRetryMilliseconds: nil))
        let (_, created) = try await StoreFixtures.session(in: store)
        let session = created.session.id
        #expect(try await store.append([StoreFixtures.event(1)], to: session) == 1)

        let database = dir.path + "/reviewroom.sqlite3"
        try FileManager.default.moveItem(atPath: database, toPath: database + ".aside")
        await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(2)], to: session) }
        let failure = try #require(store.commitFailure)
        #expect(failure.code == .databaseMoved)
        #expect(failure.message.contains(database) && failure.message.contains("Restart the daemon"), "\(failure.message)")
        // The writer's probe commits into the moved file too: still failing.
        #expect(await store.retryFailedCommits()?.code == .databaseMoved)

        // The refused append is in the open file: a session loaded from it would acknowledge it
        // when sent again, so loading is refused while the file is away.
        await #expect(throws: StoreError.self) { _ = try await store.load(session) }

        // Put back, the file is the one the store has open: loading tries the probe and works.
        try FileManager.default.moveItem(atPath: database + ".aside", toPath: database)
        #expect(try await store.load(session)?.lastSeq == 2)
        #expect(await store.retryFailedCommits() == nil)
        #expect(store.commitFailure == nil)
        let next = try await store.append([StoreFixtures.event(3)], to: session)
        #expect(next == 3, "the refused append's seq 2 was committed in the moved file all the same")
        await store.close()
    }

    @Test func aFileCopiedOverTheOpenOneIsNotTheOneBeingWritten() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path, commitRetryMilliseconds: nil))
        let (_, created) = try await StoreFixtures.session(in: store)
        let database = dir.path + "/reviewroom.sqlite3"
        // `install` (README's restore) writes a new file and renames it over the old one.
        try Data("stand-in".utf8).write(to: URL(fileURLWithPath: database + ".new"))
        #expect(rename(database + ".new", database) == 0)
        await #expect(throws: StoreError.self) { try await store.append([StoreFixtures.event(1)], to: created.session.id) }
        #expect(store.commitFailure?.code == .databaseMoved)
        await store.close()
    }
}
