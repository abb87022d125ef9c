import Foundation
import Testing
@testable import ReviewRoomStore

/// `facilitator revoke ID --transfer-to ID2`: revocation and change of owner in one transaction,
/// refused as a whole when the target is wrong.
@Suite("Revoking a facilitator and transferring their sessions")
struct FacilitatorTransferTests {
    @Test func revokeWithTransferMovesEverySessionToTheNewOwner() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (fran, first) = try await StoreFixtures.session(in: store)
        let second = try await store.createSession(owner: fran.facilitator.id, definition: StoreFixtures.definition("Second"), participants: [])
        let gus = try await store.addFacilitator(name: "Gus")
        let (hal, other) = try await StoreFixtures.session(in: store)

        let output = try await FacilitatorAdministration(store: store).revoke(fran.facilitator.id.rawValue, transferTo: gus.facilitator.id.rawValue)
        #expect(output.contains("Revoked facilitator Fran"))
        #expect(output.contains("Transferred 2 sessions to Gus (id \(gus.facilitator.id))"))
        #expect(try await store.authenticateFacilitator(token: fran.token) == nil)
        // As a set: two sessions made in the same millisecond are ordered by their random ids.
        #expect(Set(try await store.sessions(ownedBy: gus.facilitator.id).map(\.id)) == [first.session.id, second.session.id])
        #expect(try await store.sessions(ownedBy: fran.facilitator.id).isEmpty)
        #expect(try await store.session(other.session.id)?.owner == hal.facilitator.id, "another owner's session stays theirs")
        await store.close()
    }

    @Test func revokeWithoutTransferSaysWhichSessionsAreLeftAndHowToHandThemOver() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (fran, created) = try await StoreFixtures.session(in: store)
        let admin = FacilitatorAdministration(store: store)
        let output = try await admin.revoke(fran.facilitator.id.rawValue)
        #expect(output.contains("They still own 1 session (\(created.session.id))"))
        #expect(output.contains("reviewroomd facilitator revoke \(fran.facilitator.id) --transfer-to ID"))
        #expect(try await store.session(created.session.id)?.owner == fran.facilitator.id)

        // The remedy works on someone revoked earlier: revoking again transfers.
        let gus = try await store.addFacilitator(name: "Gus")
        let revokedAt = try #require(try await store.facilitators().first { $0.id == fran.facilitator.id }?.revokedAt)
        let outcome = try await store.revokeFacilitator(fran.facilitator.id, transferringSessionsTo: gus.facilitator.id)
        #expect(outcome.sessions == [created.session.id])
        #expect(outcome.newOwner?.id == gus.facilitator.id)
        #expect(outcome.facilitator.revokedAt == revokedAt, "the first revocation time stays")
        #expect(outcome.wasRevokedBefore)
        #expect(try await store.session(created.session.id)?.owner == gus.facilitator.id)
        // A third revoke changes nothing and says so, not "Revoked" again (an HTTP/CLI audit).
        let again = try await admin.revoke(fran.facilitator.id.rawValue)
        #expect(again.hasPrefix("Facilitator Fran (id \(fran.facilitator.id)) was already revoked"), "\(again)")
        #expect(!again.contains("Revoked facilitator"))
        let ida = try await store.addFacilitator(name: "Ida")
        #expect(try await admin.revoke(ida.facilitator.id.rawValue).contains("They own no sessions."))
        await store.close()
    }

    /// Their own participants' links go with them (in a session transferred too); a co-facilitator
    /// of the same name invited by link keeps theirs, and so does everyone else.
    @Test func revokingAFacilitatorRevokesTheirOwnParticipantsLinksOnly() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let fran = try await store.addFacilitator(name: "Fran")
        let created = try await store.createSession(owner: fran.facilitator.id, definition: StoreFixtures.definition("Own link"), participants: [
            NewParticipant(name: "Fran", role: "facilitator", actsFor: fran.facilitator.id), NewParticipant(name: "Asha", role: "reviewer"),
            NewParticipant(name: "Fran", role: "facilitator")])
        let (own, asha, namesake) = (created.invites[0], created.invites[1], created.invites[2])
        let gus = try await store.addFacilitator(name: "Gus")

        let output = try await FacilitatorAdministration(store: store).revoke(fran.facilitator.id.rawValue, transferTo: gus.facilitator.id.rawValue)
        #expect(output.contains("Their own facilitator link in 1 session stopped working too"), "\(output)")
        #expect(try await store.authenticateParticipant(token: own.token) == nil)
        #expect(try await store.authenticateParticipant(token: asha.token) != nil)
        #expect(try await store.authenticateParticipant(token: namesake.token) != nil)
        let stored = try await store.participants(of: created.session.id)
        #expect(stored.map(\.revoked) == [true, false, false])
        // Revoking again revokes nothing more.
        #expect(try await store.revokeFacilitator(fran.facilitator.id, transferringSessionsTo: nil).revokedOwnLinks == 0)
        await store.close()
    }

    @Test func aWrongTargetIsRefusedAndNothingChanges() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (fran, created) = try await StoreFixtures.session(in: store)
        let gone = try await store.addFacilitator(name: "Gone")
        _ = try await store.revokeFacilitator(gone.facilitator.id)
        let fid = fran.facilitator.id

        let unknown = await #expect(throws: StoreError.self) { try await store.revokeFacilitator(fid, transferringSessionsTo: FacilitatorID("f_nobody")) }
        #expect(unknown?.code == .unknownFacilitator)
        #expect(unknown?.message.contains("f_nobody") == true)
        let revoked = await #expect(throws: StoreError.self) { try await store.revokeFacilitator(fid, transferringSessionsTo: gone.facilitator.id) }
        #expect(revoked?.code == .invalidInput)
        #expect(revoked?.message.contains("Gone (id \(gone.facilitator.id)): that facilitator is revoked") == true)
        let same = await #expect(throws: StoreError.self) { try await store.revokeFacilitator(fid, transferringSessionsTo: fid) }
        #expect(same?.code == .invalidInput)
        #expect(same?.message.contains("to \(fid) itself") == true)
        let missing = await #expect(throws: StoreError.self) {
            try await store.revokeFacilitator(FacilitatorID("f_typo"), transferringSessionsTo: fid)
        }
        #expect(missing?.code == .unknownFacilitator)
        #expect(missing?.message.contains("f_typo") == true)

        #expect(try await store.authenticateFacilitator(token: fran.token)?.id == fid, "Fran is not revoked")
        #expect(try await store.session(created.session.id)?.owner == fid)
        #expect(try await store.facilitators().first { $0.id == fid }?.revokedAt == nil)
        await store.close()
    }
}
