import Foundation
import ReviewRoomCore
@testable import ReviewRoomStore

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

    /// A facilitator and one session with two participants.
    static func session(in store: Store, participants: [NewParticipant] = [
        NewParticipant(name: "Asha", role: "reviewer"), NewParticipant(name: "Ben", role: "host", email: "ben@example.org"),
    ]) async throws -> (IssuedFacilitatorToken, CreatedSession) {
        let facilitator = try await store.addFacilitator(name: "Fran")
        let created = try await store.createSession(owner: facilitator.facilitator.id, definition: definition(), participants: participants)
        return (facilitator, created)
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
}
