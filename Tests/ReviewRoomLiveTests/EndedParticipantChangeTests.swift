import Foundation
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// An invite or a revocation that reaches the session after `session.end` (the HTTP API stores
/// it first, so a `session.end` can land in between): the session's actor decides in its own
/// turn, so nobody new is listed in an ended session and a revocation then only removes access.
@Suite("Live sessions: participant changes that arrive after the end")
struct EndedParticipantChangeTests {
    /// Fay starts and ends the session over her invite link; still connected, she keeps it loaded.
    private static func endedSession() async throws -> (InProcessServer, fay: ProtocolClient) {
        let app = try await InProcessServer.start()
        let (fay, _) = try await app.join("Fay")
        #expect(try await fay.request("session.start").type == "ack")
        #expect(try await fay.request("session.end").type == "ack")
        return (app, fay)
    }

    private static func listed(_ app: InProcessServer) async throws -> [String] {
        try #require(try await app.registry.state(session: app.fixture.session, at: app.clock.now())).participants.map(\.id)
    }

    @Test func anInviteStoredAsTheSessionEndedIsRefusedAndNotListed() async throws {
        let (app, fay) = try await Self.endedSession()
        defer { fay.disconnect() }
        let before = try await Self.listed(app)
        let lastSeq = try await app.store.events(of: app.fixture.session, after: 0).last?.seq ?? 0
        let late = try await app.store.addParticipant(NewParticipant(name: "Late", role: "reviewer"), to: app.fixture.session)

        let person = Participant(id: late.participant.id.rawValue, name: "Late", role: .reviewer)
        let refusal = await #expect(throws: CommandError.self) {
            try await app.registry.addParticipant(session: app.fixture.session, person, by: app.fixture.facilitatorID, at: app.clock.now())
        }
        #expect(refusal?.code == .sessionEnded, "\(String(describing: refusal))")
        let after = try await Self.listed(app)
        #expect(after == before, "\(before) → \(after)")
        #expect(try await app.store.events(of: app.fixture.session, after: lastSeq).isEmpty, "nothing was recorded")

        // What the API then does: the invite is taken back, as if never made.
        try await app.store.withdrawInvite(late.participant.id, in: app.fixture.session)
        let stored = try await app.store.participants(of: app.fixture.session).map(\.id.rawValue)
        #expect(!stored.contains(late.participant.id.rawValue))
        #expect(try await app.store.authenticateParticipant(token: late.token) == nil, "the link never works")
        try await app.store.withdrawInvite(late.participant.id, in: app.fixture.session)
        #expect(try await app.store.participants(of: app.fixture.session).count == stored.count, "twice changes nothing")
        await app.stop()
    }

    /// The session was not live when the store added them, so loading it read their invite:
    /// the refusal takes them off the list again, as a reload after the withdrawal would.
    @Test func anInviteStoredWhileTheEndedSessionWasNotLoadedIsNotListedEither() async throws {
        let (first, fay) = try await Self.endedSession()
        let before = try await Self.listed(first)
        fay.disconnect()
        await first.stop()
        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture)
        let late = try await second.store.addParticipant(NewParticipant(name: "Late", role: "reviewer"), to: second.fixture.session)

        let person = Participant(id: late.participant.id.rawValue, name: "Late", role: .reviewer)
        await #expect(throws: CommandError.self) {
            try await second.registry.addParticipant(session: second.fixture.session, person, by: second.fixture.facilitatorID, at: second.clock.now())
        }
        #expect(try await Self.listed(second) == before)
        // Withdrawn as the API does; the session (unloaded once idle) loads without them again.
        try await second.store.withdrawInvite(late.participant.id, in: second.fixture.session)
        let (asha, welcome) = try await second.join("Asha")
        asha.disconnect()
        let people = (welcome.object["session"] as? [String: Any])?["participants"] as? [[String: Any]] ?? []
        #expect(!people.contains { $0["name"] as? String == "Late" }, "\(people)")
        await second.stop()
    }

    @Test func aRevocationArrivingAfterTheEndOnlyClosesTheirLink() async throws {
        let (app, fay) = try await Self.endedSession()
        defer { fay.disconnect() }
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        let lastSeq = try await app.store.events(of: app.fixture.session, after: 0).last?.seq ?? 0
        let ashaID = try #require(app.fixture.participantIDs["Asha"])

        try await app.store.revokeParticipant(ParticipantID(ashaID), in: app.fixture.session)
        try await app.registry.removeParticipant(session: app.fixture.session, participant: ashaID, by: app.fixture.facilitatorID, at: app.clock.now())
        #expect(try await asha.closed().closeCode == 4003)
        #expect(try await Self.listed(app).contains(ashaID), "she took part: the record keeps her")
        #expect(try await app.store.events(of: app.fixture.session, after: lastSeq).isEmpty, "nothing was recorded")
        #expect(try await fay.request("ping").type == "ack", "everyone else stays")
        await app.stop()
    }

    /// The owner's console needs their own facilitator participant; one made on first join is
    /// still made for an ended session (looking at it afterwards), unlike an invite.
    @Test func theOwnersConsoleStillOpensAnEndedSessionWithoutTheirParticipant() async throws {
        let data = try TemporaryDirectory.make(prefix: "reviewroom-ended-console")
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        var fixture = try await SessionFixture.create(in: store, startsAt: InProcessServer.start.adding(seconds: 60))
        try await store.revokeParticipant(ParticipantID(try #require(fixture.participantIDs["Fay"])), in: fixture.session)
        let gus = try await store.addParticipant(NewParticipant(name: "Gus", role: "facilitator"), to: fixture.session)
        fixture.tokens["Gus"] = gus.token
        await store.close()

        let app = try await InProcessServer.start(data: data, fixture: fixture)
        let (coFacilitator, _) = try await app.join("Gus")
        defer { coFacilitator.disconnect() }
        #expect(try await coFacilitator.request("session.start").type == "ack")
        #expect(try await coFacilitator.request("session.end").type == "ack")

        let (console, welcome) = try await app.openConsole()
        defer { console.disconnect() }
        #expect(welcome.type == "welcome", "\(welcome.object)")
        let people = (welcome.object["session"] as? [String: Any])?["participants"] as? [[String: Any]] ?? []
        #expect(people.contains { $0["name"] as? String == "Fay" && $0["role"] as? String == "facilitator" }, "\(people)")
        await app.stop()
    }
}
