import Foundation
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// PROTOCOL §3.4 (4003 "revoked or reissued while connected") for a facilitator revoked by
/// another process while their console is open: the registry's sweep (run by the daemon every
/// 2 s) closes exactly the consoles that joined with the revoked token and the connections of
/// their own participant's invite link (revoked with them).
@Suite("Live sessions: a revoked facilitator's consoles")
struct FacilitatorRevocationTests {
    @Test func theSweepClosesTheConsolesAndOwnLinkOfARevokedFacilitatorWith4003AndNothingElse() async throws {
        let app = try await InProcessServer.start()
        let (console, welcome) = try await app.openConsole()
        defer { console.disconnect() }
        #expect(welcome.type == "welcome")
        let (ownLink, _) = try await app.join("Fay")
        defer { ownLink.disconnect() }
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }

        // Nobody revoked: a sweep closes nothing (a close would come before this ack).
        await app.registry.closeRevokedConsoles()
        #expect(try await console.request("ping").type == "ack")

        // Revoked through a store of its own on the same file, as `facilitator revoke` does.
        let other = try await Store.open(StoreConfiguration(dataDirectory: app.dataDirectory.path))
        let fay = try #require(try await other.facilitators().first { $0.name == "Fay" })
        _ = try await other.revokeFacilitator(fay.id)
        await other.close()

        await app.registry.closeRevokedConsoles()
        #expect(try await console.closed().closeCode == 4003)
        // Their own facilitator link was revoked with them: it closes too; everyone else goes on.
        #expect(try await ownLink.closed().closeCode == 4003)
        #expect(try await asha.request("ping").type == "ack")
        let again = try await ProtocolClient.connect(port: app.port)
        defer { again.disconnect() }
        _ = try await again.hello(facilitatorToken: app.fixture.facilitatorToken, session: app.fixture.session.rawValue)
        #expect(try await again.closed().closeCode == 4001)
        await app.stop()
    }
}
