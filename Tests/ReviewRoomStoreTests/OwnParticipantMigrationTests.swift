import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

/// v11's `acts_for`: which facilitator a participant is the own participant of. A v10 store gets
/// it where the daemon before v11 found the owner's participant by name, and nowhere else.
struct OwnParticipantMigrationTests {
    @Test func aVersion10StoreMarksTheOwnersParticipantsOnly() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file(StoreConfiguration.databaseFileName)
        try StoreFixtures.olderStore(at: path, version: 10, eventSQL: """
            INSERT INTO participants(session, id, role, name, invitation_order, revoked_at) VALUES
                ('s_1', 'p_first', 'facilitator', 'Fran', 0, 5),
                ('s_1', 'p_host', 'host', 'Hana', 1, NULL),
                ('s_1', 'p_console', 'facilitator', 'Fran', 2, NULL),
                ('s_1', 'p_namesake', 'facilitator', 'Fran', 3, NULL),
                ('s_1', 'p_cam', 'facilitator', 'Cam', 4, NULL);
            INSERT INTO facilitators(id, name, created_at) VALUES ('f_2', 'Gus', 0);
            INSERT INTO sessions(id, owner, title, host_school, focus, starts_at, time_zone, lobby_opens_minutes_before,
                auto_start, agenda, prompts, notes, epoch, created_at)
                VALUES ('s_2', 'f_2', 'T', 'H', 'F', 0, 'Europe/London', 15, 0, '[]', '[]', '[]', 'e2', 0);
            INSERT INTO participants(session, id, role, name, invitation_order) VALUES
                ('s_2', 'p_before_transfer', 'facilitator', 'Fran', 0),
                ('s_2', 'p_gus', 'facilitator', 'Gus', 1),
                ('s_2', 'p_reviewer_gus', 'reviewer', 'Gus', 2)
            """, laterTable: nil)
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        func marks(_ session: String) async throws -> [String: String] {
            Dictionary(uniqueKeysWithValues: try await store.participants(of: SessionID(session)).map {
                ($0.id.rawValue, $0.actsFor?.rawValue ?? "-")
            })
        }
        #expect(try await marks("s_1") == ["p_first": "f_1", "p_host": "-", "p_console": "f_1", "p_namesake": "-", "p_cam": "-"])
        // Transferred from Fran to Gus: her first participant was not Gus's.
        #expect(try await marks("s_2") == ["p_before_transfer": "-", "p_gus": "f_2", "p_reviewer_gus": "-"])

        // New invites keep what they are given.
        let own = try await store.addParticipant(NewParticipant(name: "Fran", role: "facilitator", actsFor: FacilitatorID("f_1")),
                                                 to: SessionID("s_1"))
        let linked = try await store.addParticipant(NewParticipant(name: "Fran", role: "facilitator"), to: SessionID("s_1"))
        #expect(own.participant.actsFor == FacilitatorID("f_1") && linked.participant.actsFor == nil)
        let marked = try await marks("s_1")
        #expect(marked[own.participant.id.rawValue] == "f_1" && marked[linked.participant.id.rawValue] == "-")
        #expect(try await store.load(SessionID("s_1"))?.participants.first { $0.id == own.participant.id }?.actsFor == FacilitatorID("f_1"))
        await store.close()
    }
}
