import Testing
@testable import ReviewRoomStore

/// `addParticipant(_:to:atMost:)`: the bound counts every invitation the session has had,
/// revoked ones included, is checked in the invite's own write, and a refusal stores nothing.
@Suite("Invites bounded per session")
struct InviteLimitTests {
    @Test func theBoundCountsRevokedInvitesAndARefusalStoresNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let sessions = try await StoreFixtures.sessions(2, in: store)
        let id = sessions[0]
        #expect(try await store.participants(of: id).count == 2, "the fixture's session starts with two people")

        let third = try await store.addParticipant(NewParticipant(name: "Cleo", role: "reviewer"), to: id, atMost: 3)
        try await store.revokeParticipant(third.participant.id, in: id)
        let before = try await store.participants(of: id)
        let refusal = await #expect(throws: StoreError.self) {
            try await store.addParticipant(NewParticipant(name: "Dev", role: "observer"), to: id, atMost: 3)
        }
        #expect(refusal?.code == .limitReached)
        #expect(refusal?.message.contains("3 people invited") == true, "\(refusal?.message ?? "")")
        #expect(try await store.participants(of: id) == before, "nothing of the refused invite is stored")

        // The bound is per session, and only where the caller gives one.
        _ = try await store.addParticipant(NewParticipant(name: "Dev", role: "observer"), to: sessions[1], atMost: 1)
        _ = try await store.addParticipant(NewParticipant(name: "Fran", role: "facilitator"), to: id)
        #expect(try await store.participants(of: id).count == before.count + 1)
        await store.close()
    }

    @Test func racingInvitesCannotPassTheBoundTogether() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = try await StoreFixtures.sessions(1, in: store)[0]
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                group.addTask {
                    (try? await store.addParticipant(NewParticipant(name: "P\(index)", role: "reviewer"), to: id, atMost: 10)) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 8, "two were invited by the fixture, eight more fit")
        #expect(try await store.participants(of: id).count == 10)
        await store.close()
    }
}
