import Foundation
import Testing
@testable import ReviewRoomStore

/// `reissueInvite(for:in:reinstating:)`: a participant revoked before the reissue's own write
/// stays revoked unless the caller said to reinstate them (a DELETE racing a reissue left a
/// working link for someone the live session no longer listed).
@Suite("Reissues that meet a revocation")
struct ReissueRefusalTests {
    @Test func aRevokedParticipantIsReinstatedOnlyWhenAskedAndARefusalChangesNothing() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let id = try await StoreFixtures.sessions(1, in: store)[0]
        let lee = try await store.addParticipant(NewParticipant(name: "Lee", role: "reviewer"), to: id)
        // Not revoked: a new link, the old one stops working.
        let fresh = try await store.reissueInvite(for: lee.participant.id, in: id)
        #expect(try await store.authenticateParticipant(token: lee.token) == nil)
        #expect(try await store.authenticateParticipant(token: fresh.token)?.participant.id == lee.participant.id)
        // Revoked meanwhile, and the reissue did not expect it: refused, still revoked.
        try await store.revokeParticipant(lee.participant.id, in: id)
        let before = try await store.participants(of: id)
        let refusal = await #expect(throws: StoreError.self) { try await store.reissueInvite(for: lee.participant.id, in: id) }
        #expect(refusal?.code == .refused)
        #expect(try await store.participants(of: id) == before)
        #expect(before.first(where: { $0.id == lee.participant.id })?.revoked == true)
        #expect(try await store.authenticateParticipant(token: fresh.token) == nil)
        // Asked to reinstate (after the end, someone still listed): a working link again.
        let reinstated = try await store.reissueInvite(for: lee.participant.id, in: id, reinstating: true)
        #expect(reinstated.participant.revoked == false)
        #expect(try await store.authenticateParticipant(token: reinstated.token)?.participant.id == lee.participant.id)
        // Nobody of that id: unknown, whatever is asked.
        let unknown = await #expect(throws: StoreError.self) { try await store.reissueInvite(for: ParticipantID("p_nobody"), in: id, reinstating: true) }
        #expect(unknown?.code == .unknownParticipant)
        await store.close()
    }
}
