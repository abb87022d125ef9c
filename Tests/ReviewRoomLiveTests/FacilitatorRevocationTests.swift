import Foundation
@testable import ReviewRoomServer
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
        await app.registry.sweepRevokedFacilitators()
        #expect(try await console.request("ping").type == "ack")

        // Revoked through a store of its own on the same file, as `facilitator revoke` does.
        let other = try await Store.open(StoreConfiguration(dataDirectory: app.dataDirectory.path))
        let fay = try #require(try await other.facilitators().first { $0.name == "Fay" })
        _ = try await other.revokeFacilitator(fay.id)
        await other.close()

        await app.registry.sweepRevokedFacilitators()
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

    /// A loaded session (Asha is in it) where the revoked facilitator has nothing open: the sweep
    /// used to ask only about facilitators with consoles open, so their own participant stayed
    /// listed until the session next loaded.
    @Test func theSweepTakesTheOwnParticipantOfARevokedFacilitatorWithNothingOpenOffTheList() async throws {
        let app = try await InProcessServer.start()
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        let fayID = try #require(app.fixture.participantIDs["Fay"])

        // Nobody revoked: a sweep changes nothing (the event would come before this ack).
        await app.registry.sweepRevokedFacilitators()
        #expect(try await asha.request("ping").type == "ack")
        #expect(!asha.events.contains { $0.name == "participant.changed" })

        let other = try await Store.open(StoreConfiguration(dataDirectory: app.dataDirectory.path))
        let fay = try #require(try await other.facilitators().first { $0.name == "Fay" })
        _ = try await other.revokeFacilitator(fay.id)
        await other.close()

        await app.registry.sweepRevokedFacilitators()
        let changed = try await asha.event("participant.changed")
        let ids = (changed.data["participants"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!ids.isEmpty && !ids.contains(fayID))
        // The second sweep that sees it finds nothing left to take off; later ones do not look.
        await app.registry.sweepRevokedFacilitators()
        await app.registry.sweepRevokedFacilitators()
        #expect(try await asha.request("ping").type == "ack")
        #expect(asha.events.filter { $0.name == "participant.changed" }.count == 1)
        await app.stop()
    }

    /// Loaded before in this process, unloaded, and loaded again after the sweeps that carried
    /// out the revocation: only a session's first load compares its list with the stored
    /// invitations, so the revoked facilitator's own participant was listed again.
    @Test func aSessionLoadedAgainAfterTheSweepsTakesTheOwnParticipantOff() async throws {
        let app = try await InProcessServer.start()
        let fayID = try #require(app.fixture.participantIDs["Fay"])
        _ = try await app.registry.actor(for: app.fixture.session)
        await app.registry.unloadIfIdle(app.fixture.session)
        #expect(await app.registry.loaded(app.fixture.session) == nil)

        let other = try await Store.open(StoreConfiguration(dataDirectory: app.dataDirectory.path))
        let fay = try #require(try await other.facilitators().first { $0.name == "Fay" })
        _ = try await other.revokeFacilitator(fay.id)
        await other.close()
        await app.registry.sweepRevokedFacilitators()
        await app.registry.sweepRevokedFacilitators()

        let (asha, welcome) = try await app.join("Asha")
        defer { asha.disconnect() }
        let session = welcome.object["session"] as? [String: Any]
        let ids = (session?["participants"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        #expect(!ids.isEmpty && !ids.contains(fayID), "\(ids)")
        await app.stop()
    }
}
