import Foundation
import ReviewRoomCore
import ReviewRoomTesting
import Testing
@testable import ReviewRoomStore

/// The session's definition as created (`session_baselines`, schema v6): what the review
/// record compares the first PATCH with.
@Suite("Session definitions as created")
struct SessionBaselineTests {
    @Test func theDefinitionAsCreatedOutlivesAnUpdateAndGoesWithTheSession() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        #expect(try await store.definitionAsCreated(of: id) == StoreFixtures.definition())
        var edited = StoreFixtures.definition("Reading and writing")
        edited.agendaJSON = #"[{"title":"Welcome","durationSec":600}]"#
        _ = try await store.updateSession(id, definition: edited, reschedule: false)
        #expect(try await store.session(id)?.definition == edited)
        #expect(try await store.definitionAsCreated(of: id) == StoreFixtures.definition(), "the update leaves it alone")
        try await store.deleteSession(id)
        #expect(try await store.definitionAsCreated(of: id) == nil)
        await store.close()
        let connection = try SQLiteConnection(path: dir.file(StoreConfiguration.databaseFileName))
        #expect(try connection.integer("SELECT count(*) FROM session_baselines") == 0)
    }

    /// v4 → v6: a session never edited gets its stored definition as its baseline; one already
    /// edited (it has a `session.changed`, whose data is the values after the edit) gets none.
    @Test func aVersion4StoreGainsBaselinesOnlyForSessionsNeverEdited() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 4, eventSQL: """
            INSERT INTO events(session, seq, at, name, data) VALUES ('s_1', 1, 0, 'prompts.changed', '{}');
            INSERT INTO sessions(id, owner, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before,
                auto_start, agenda, prompts, notes, epoch, created_at)
                VALUES ('s_2', 'f_1', 'Edited', 'H', 'F', 0, 'Europe/London', 15, 0, '[]', '[]', '[]', 'e2', 0);
            INSERT INTO events(session, seq, at, name, data) VALUES ('s_2', 1, 0, 'session.changed', '{}')
            """, laterTable: "session_baselines")
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let stored = try #require(try await store.session(SessionID("s_1")))
        #expect(try await store.definitionAsCreated(of: stored.id) == stored.definition)
        #expect(try await store.session(SessionID("s_2")) != nil)
        #expect(try await store.definitionAsCreated(of: SessionID("s_2")) == nil, "its values before the edit are gone")
        await store.close()
        let connection = try SQLiteConnection(path: path)
        #expect(try SchemaMigrator.version(of: connection) == Migrations.latestVersion)
        #expect(try connection.rows("SELECT value FROM store_metadata WHERE key = 'migration.6'") { $0.text(0) }
            .first?.hasPrefix("session definitions as created") == true)
    }
}
