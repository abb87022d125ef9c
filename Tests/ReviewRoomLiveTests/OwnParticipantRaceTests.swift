import Foundation
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// The owner's consoles joining a session that has no own participant for them (it was revoked)
/// add one on the first join. Several joining at once (tabs restored together after a browser
/// restart) each added one: the owner was listed two or three times, each console as a
/// different participant.
@Suite("Live sessions: the owner's consoles joining at once")
struct OwnParticipantRaceTests {
    @Test func consolesJoiningAtOnceShareOneNewOwnParticipant() async throws {
        let app = try await InProcessServer.start()
        let fay = try #require(app.fixture.participantIDs["Fay"])
        let facilitator = try #require(app.fixture.facilitatorID)
        try await app.store.revokeParticipant(ParticipantID(fay), in: app.fixture.session)
        try await app.registry.removeParticipant(session: app.fixture.session, participant: fay, at: app.clock.now())

        let consoles = try await withThrowingTaskGroup(of: (ProtocolClient, ProtocolMessage).self) { group in
            for _ in 0..<4 { group.addTask { try await app.openConsole() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        defer { for (console, _) in consoles { console.disconnect() } }
        let joinedAs = Set(consoles.map { ($0.1.object["you"] as? [String: Any])?["id"] as? String })
        #expect(joinedAs.count == 1 && !joinedAs.contains(nil) && !joinedAs.contains(fay), "\(joinedAs)")

        let own = try await app.store.participants(of: app.fixture.session).filter { $0.actsFor == facilitator && !$0.revoked }
        #expect(own.map(\.id.rawValue) == joinedAs.compactMap { $0 })
        await app.stop()
    }
}
