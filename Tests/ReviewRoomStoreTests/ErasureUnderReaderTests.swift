import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

/// Deleting a session while another connection holds a read transaction (a `sqlite3` shell,
/// `reviewroomd backup` or `export`): the TRUNCATE checkpoint cannot finish then, so the store
/// keeps retrying until it does, and the session's text leaves the database and WAL files
/// once the reader ends, without any further write.
@Suite("Erasure while a reader holds a snapshot")
struct ErasureUnderReaderTests {
    @Test func theDeletedTextLeavesTheWALOnceTheReaderEnds() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // Warned of at the first retry that finds the reader still there.
        let configuration = StoreConfiguration(dataDirectory: dir.path, erasureWarningMilliseconds: 0)
        let (store, log) = try await StoreFixtures.opened(configuration)
        let owner = try await store.addFacilitator(name: "Fran")
        let gone = try await store.createSession(owner: owner.facilitator.id, definition: StoreFixtures.definition("GONEXTITLE"),
                                                 participants: [NewParticipant(name: "GONEXNAME", role: "reviewer")])
        let kept = try await store.createSession(owner: owner.facilitator.id, definition: StoreFixtures.definition("KEEPXTITLE"), participants: [])
        for seq in Int64(1)...50 {
            _ = try await store.append([StoreFixtures.event(seq, name: "note.edited", data: #"{"text":"GONEXNOTE observation \#(seq)"}"#)],
                                       to: gone.session.id)
            _ = try await store.append([StoreFixtures.event(seq, name: "note.edited", data: #"{"text":"KEEPXNOTE \#(seq)"}"#)],
                                       to: kept.session.id)
        }

        let reader = try SQLiteConnection(path: configuration.databasePath)
        try reader.execute("BEGIN")
        #expect(try reader.integer("SELECT count(*) FROM event_log") == 100, "the reader's snapshot is taken before the delete")
        try await store.deleteSession(gone.session.id)
        let id = gone.session.id.rawValue
        _ = try await line(in: log, { $0.hasPrefix("warning") && $0.contains("session=\(id)") })
        let wal = FileManager.default.contents(atPath: configuration.databasePath + "-wal") ?? Data()
        #expect(StoreFixtures.contains(wal, "GONEXNOTE"), "an old snapshot still needs the pages: the text is still in the WAL")
        // Other sessions go on meanwhile: the retries never hold the writer up.
        #expect(try await store.append([StoreFixtures.event(51)], to: kept.session.id) == 51)
        #expect(try reader.integer("SELECT count(*) FROM event_log") == 100, "the reader still sees its snapshot")

        try reader.execute("COMMIT")
        reader.close()
        _ = try await line(in: log, { $0.hasPrefix("info") && $0.contains("gone from the database file and the WAL") && $0.contains("session=\(id)") })
        let files = StoreFixtures.fileBytes(configuration)
        for secret in ["GONEXNOTE", "GONEXTITLE", "GONEXNAME"] {
            #expect(!StoreFixtures.contains(files, secret), "\(secret) is still in the database or WAL file")
        }
        #expect(try await store.load(kept.session.id)?.events.count == 51, "the other session is intact")
        #expect(try await store.session(gone.session.id) == nil)
        await store.close()
    }

    /// A reader in the way for moments — the daemon's own reads, a background checkpoint — is no
    /// cause for a warning: the erasure is logged once, as done, when its pages have left the WAL.
    @Test func aReaderInTheWayForMomentsGetsNoWarning() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path, erasureWarningMilliseconds: 60_000)
        let (store, log) = try await StoreFixtures.opened(configuration)
        let owner = try await store.addFacilitator(name: "Fran")
        let gone = try await store.createSession(owner: owner.facilitator.id, definition: StoreFixtures.definition("GONEXTITLE"), participants: [])
        for seq in Int64(1)...20 { _ = try await store.append([StoreFixtures.event(seq)], to: gone.session.id) }
        let reader = try SQLiteConnection(path: configuration.databasePath)
        try reader.execute("BEGIN")
        #expect(try reader.integer("SELECT count(*) FROM event_log") == 20)
        try await store.deleteSession(gone.session.id)
        #expect(StoreFixtures.contains(FileManager.default.contents(atPath: configuration.databasePath + "-wal") ?? Data(), "GONEXTITLE"),
                "the reader kept the first TRUNCATE from completing")
        try reader.execute("COMMIT")
        reader.close()
        let id = gone.session.id.rawValue
        _ = try await line(in: log, { $0.hasPrefix("info") && $0.contains("session erased") && $0.contains("session=\(id)") })
        #expect(!log.entries.contains { $0.hasPrefix("warning") }, "\(log.entries)")
        #expect(!StoreFixtures.contains(StoreFixtures.fileBytes(configuration), "GONEXTITLE"))
        await store.close()
    }

    /// The first line matching `predicate`; on a timeout the failure lists what was logged.
    private func line(in log: AwaitableLog<String>, _ predicate: @escaping @Sendable (String) -> Bool) async throws -> String {
        do {
            return try await log.first(where: predicate, timeout: .seconds(30))
        } catch {
            Issue.record("the store logged: \(log.entries.joined(separator: " | "))")
            throw error
        }
    }
}
