import Foundation
import ReviewRoomTesting
import Testing

/// A facilitator who gives themselves a new invite link (after sending theirs to a reviewer by
/// mistake) keeps the live console they run the review from: a reissue closes what joined with
/// the old link (4003, PROTOCOL §3.4), and the console joined with the API token.
@Suite("Live sessions: reissuing the facilitator's own link")
struct OwnLinkReissueTests {
    @Test func theOldLinkClosesWith4003AndTheConsoleGoesOn() async throws {
        let app = try await InProcessServer.start()
        let (console, welcome) = try await app.openConsole()
        defer { console.disconnect() }
        #expect(welcome.type == "welcome")
        let (ownLink, _) = try await app.join("Fay")
        defer { ownLink.disconnect() }
        let fay = try #require(app.fixture.participantIDs["Fay"])

        // What the API does after the store reissued Fay's invite.
        await app.registry.disconnect(session: app.fixture.session, participant: fay)
        #expect(try await ownLink.closed().closeCode == 4003)
        #expect(try await console.request("ping").type == "ack")
        await app.stop()
    }

    @Test func removingTheParticipantClosesTheirConsoleToo() async throws {
        let app = try await InProcessServer.start()
        let (console, welcome) = try await app.openConsole()
        defer { console.disconnect() }
        #expect(welcome.type == "welcome")
        let fay = try #require(app.fixture.participantIDs["Fay"])

        try await app.registry.removeParticipant(session: app.fixture.session, participant: fay, at: app.clock.now())
        #expect(try await console.closed().closeCode == 4003)
        await app.stop()
    }
}
