import Foundation
import ReviewRoomCore
import ReviewRoomTesting
@testable import ReviewRoomStore
import Testing

/// Small builders shared by the store tests.
enum StoreFixtures {
    static func definition(_ title: String = "Reading for pleasure") -> SessionDefinition {
        SessionDefinition(
            title: title, hostSchool: "Northfield Primary", focus: "reading stamina",
            startsAt: Timestamp(millisecondsSince1970: 1_796_117_400_000), timeZone: "Europe/London",
            agendaJSON: #"[{"title":"Welcome","durationSec":300}]"#, promptsJSON: #"[{"text":"What works?"}]"#,
            notesJSON: #"[{"id":"evidence","title":"Evidence"}]"#
        )
    }

    /// A store on `dir` whose journal folds once `foldRows` rows are not yet in `events`.
    static func opened(_ dir: TemporaryDirectory, foldRows: Int) async throws -> (Store, StoreConfiguration) {
        let configuration = StoreConfiguration(dataDirectory: dir.path, journalFoldRows: foldRows)
        return (try await Store.open(configuration), configuration)
    }

    /// A store opened with `configuration` whose log lines are kept, for tests that read them.
    static func opened(_ configuration: StoreConfiguration) async throws -> (Store, AwaitableLog<String>) {
        let log = AwaitableLog<String>(name: "store log")
        return (try await Store.open(configuration, logger: CapturingLogHandler.logger(log)), log)
    }

    /// The database and its WAL copied, as a `kill -9` of the store would leave them now.
    static func copyOfFiles(_ configuration: StoreConfiguration) throws -> TemporaryDirectory {
        let copy = try TemporaryDirectory()
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: configuration.databasePath + suffix,
                                             toPath: copy.file(StoreConfiguration.databaseFileName + suffix))
        }
        return copy
    }

    /// A facilitator and one session with two participants.
    static func session(in store: Store, participants: [NewParticipant] = [
        NewParticipant(name: "Asha", role: "reviewer"), NewParticipant(name: "Ben", role: "host", email: "ben@example.org"),
    ]) async throws -> (IssuedFacilitatorToken, CreatedSession) {
        let facilitator = try await store.addFacilitator(name: "Fran")
        let created = try await store.createSession(owner: facilitator.facilitator.id, definition: definition(), participants: participants)
        return (facilitator, created)
    }

    /// `count` sessions of one facilitator: the first with two participants, the others none.
    static func sessions(_ count: Int, in store: Store) async throws -> [SessionID] {
        let (facilitator, first) = try await session(in: store)
        var sessions = [first.session.id]
        for index in 1..<count {
            sessions.append(try await store.createSession(owner: facilitator.facilitator.id, definition: definition("S\(index)"),
                                                          participants: []).session.id)
        }
        return sessions
    }

    static func event(_ seq: Int64, name: String = "floor.changed", data: String? = nil, author: String? = nil, opId: String? = nil) -> EventRecord {
        EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: 1_796_117_400_000 + seq), name: name,
                    data: data ?? #"{"floor":{"mode":"open","n":\#(seq)}}"#, author: author, opId: opId)
    }

    /// The bytes of the database file and its WAL, for "is this secret on disk?" checks.
    static func fileBytes(_ configuration: StoreConfiguration) -> Data {
        var data = Data()
        for suffix in ["", "-wal", "-journal"] {
            if let bytes = FileManager.default.contents(atPath: configuration.databasePath + suffix) { data.append(bytes) }
        }
        return data
    }

    static func contains(_ data: Data, _ text: String) -> Bool {
        data.range(of: Data(text.utf8)) != nil
    }

    /// Writes a database at schema `version` holding facilitator `f_1` and session `s_1` with the
    /// one event `eventSQL` inserts, then checks that `laterTable` (added by a later version) is
    /// not there yet (a later version that adds only a column passes nil and checks it itself):
    /// an older store to open and migrate.
    static func olderStore(at path: String, version: Int, eventSQL: String, laterTable: String?) throws {
        let connection = try SQLiteConnection(path: path, create: true)
        defer { connection.close() }
        try SchemaMigrator.migrate(connection, upTo: version, now: 0)
        try connection.execute("""
            INSERT INTO facilitators(id, name, created_at) VALUES ('f_1', 'Fran', 0);
            INSERT INTO sessions(id, owner, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before,
                auto_start, agenda, prompts, notes, epoch, created_at)
                VALUES ('s_1', 'f_1', 'T', 'H', 'F', 0, 'Europe/London', 15, 0, '[]', '[]', '[]', 'e1', 0);
            \(eventSQL);
            """)
        if let laterTable {
            #expect(try connection.rows("SELECT name FROM sqlite_schema WHERE name = ?1", { try $0.bind(1, laterTable) }) { $0.text(0) } == [])
        }
    }
}
