import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

/// `serve --demo` draws every id and token first and writes them down, then stores the
/// facilitator and the session in one transaction, so a crash leaves both or neither.
@Suite("Sessions made with their owner from a plan")
struct PlannedSessionTests {
    @Test func theOwnerAndTheSessionAreStoredTogetherWithThePlannedIdsAndTokens() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let plan = try SessionPlan.random(participants: 2)
        let people = [NewParticipant(name: "Demo", role: "facilitator"), NewParticipant(name: "Asha", role: "reviewer")]
        #expect(try await store.facilitatorExists(FacilitatorID(plan.facilitatorID)) == false)
        let created = try await store.createSession(plan, owner: "Demo", definition: StoreFixtures.definition(), participants: people)
        #expect(created.session.id == SessionID(plan.sessionID))
        #expect(created.invites.map(\.token) == plan.invitees.map(\.token))
        #expect(try await store.facilitatorExists(FacilitatorID(plan.facilitatorID)))
        #expect(try await store.authenticateFacilitator(token: plan.facilitatorToken)?.id == FacilitatorID(plan.facilitatorID))

        // The same plan again (a second start racing the first) stores nothing more.
        await #expect(throws: StoreError.self) {
            try await store.createSession(plan, owner: "Demo", definition: StoreFixtures.definition(), participants: people)
        }
        #expect(try await store.sessions(ownedBy: FacilitatorID(plan.facilitatorID)).count == 1)
        #expect(try await store.facilitators().count == 1)
        await store.close()
    }

    @Test func aRefusedSessionLeavesNoFacilitatorBehind() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let plan = try SessionPlan.random(participants: 1)
        // A clash inside the transaction, after the facilitator row: the session id is taken.
        let (_, other) = try await StoreFixtures.session(in: store)
        var clashing = plan
        clashing.sessionID = other.session.id.rawValue
        await #expect(throws: StoreError.self) {
            try await store.createSession(clashing, owner: "Demo", definition: StoreFixtures.definition(),
                                          participants: [NewParticipant(name: "Demo", role: "facilitator")])
        }
        #expect(try await store.facilitatorExists(FacilitatorID(plan.facilitatorID)) == false)
        await store.close()
    }
}
