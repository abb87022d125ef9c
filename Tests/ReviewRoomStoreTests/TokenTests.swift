import Foundation
import ReviewRoomCore
import Testing
@testable import ReviewRoomStore

@Suite("Facilitators, participants and tokens")
struct TokenTests {
    @Test func facilitatorAddListRevokeAndAuthenticate() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let fran = try await store.addFacilitator(name: "  Fran  ", email: "fran@example.org")
        let gus = try await store.addFacilitator(name: "Gus")
        #expect(fran.facilitator.name == "Fran")
        #expect(fran.token.count >= 22 && fran.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(fran.token != gus.token)
        #expect(try await store.facilitators().map(\.id).sorted { $0.rawValue < $1.rawValue } == [fran.facilitator.id, gus.facilitator.id].sorted { $0.rawValue < $1.rawValue })
        #expect(try await store.authenticateFacilitator(token: fran.token) == fran.facilitator)
        #expect(try await store.authenticateFacilitator(token: fran.token + "x") == nil)
        let revoked = try await store.revokeFacilitator(fran.facilitator.id)
        #expect(revoked.revokedAt != nil)
        #expect(try await store.authenticateFacilitator(token: fran.token) == nil)
        #expect(try await store.authenticateFacilitator(token: gus.token)?.id == gus.facilitator.id)
        #expect(try await store.facilitators().first { $0.id == fran.facilitator.id }?.revokedAt != nil)
        await store.close()
    }

    @Test func malformedFacilitatorInputIsRefusedAndNothingIsStored() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let empty = await #expect(throws: StoreError.self) { try await store.addFacilitator(name: "   ") }
        #expect(empty?.code == .invalidInput)
        let badEmail = await #expect(throws: StoreError.self) { try await store.addFacilitator(name: "Fran", email: "nope") }
        #expect(badEmail?.code == .invalidInput)
        #expect(badEmail?.message.contains("'nope'") == true)
        let unknown = await #expect(throws: StoreError.self) { try await store.revokeFacilitator(FacilitatorID("f_missing")) }
        #expect(unknown?.code == .unknownFacilitator)
        #expect(unknown?.message.contains("f_missing") == true)
        #expect(try await store.facilitators().isEmpty)
        await store.close()
    }

    @Test func participantTokensAuthenticateUntilRevokedOrReissued() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (_, created) = try await StoreFixtures.session(in: store)
        let id = created.session.id
        let asha = created.invites[0]
        #expect(created.invites.map(\.participant.invitationOrder) == [0, 1])
        #expect(try await store.authenticateParticipant(token: asha.token) == ParticipantAuthentication(session: id, participant: asha.participant))
        let cleo = try await store.addParticipant(NewParticipant(name: "Cleo", role: "observer"), to: id)
        #expect(cleo.participant.invitationOrder == 2)
        #expect(try await store.participants(of: id).map(\.name) == ["Asha", "Ben", "Cleo"])
        try await store.revokeParticipant(cleo.participant.id, in: id)
        #expect(try await store.authenticateParticipant(token: cleo.token) == nil)
        #expect(try await store.participants(of: id).last?.revoked == true)
        let reissued = try await store.reissueInvite(for: asha.participant.id, in: id)
        #expect(reissued.token != asha.token)
        #expect(try await store.authenticateParticipant(token: asha.token) == nil)
        #expect(try await store.authenticateParticipant(token: reissued.token)?.participant.id == asha.participant.id)
        let unknown = await #expect(throws: StoreError.self) { try await store.revokeParticipant(ParticipantID("p_nobody"), in: id) }
        #expect(unknown?.code == .unknownParticipant)
        let noName = await #expect(throws: StoreError.self) { try await store.addParticipant(NewParticipant(name: "", role: "reviewer"), to: id) }
        #expect(noName?.code == .invalidInput)
        let noSession = await #expect(throws: StoreError.self) { try await store.addParticipant(NewParticipant(name: "Dee", role: "reviewer"), to: SessionID("s_x")) }
        #expect(noSession?.code == .unknownSession)
        #expect(try await store.participants(of: id).count == 3)
        await store.close()
    }

    @Test func aRevokedFacilitatorCannotCreateSessions() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let fran = try await store.addFacilitator(name: "Fran")
        _ = try await store.revokeFacilitator(fran.facilitator.id)
        let error = await #expect(throws: StoreError.self) {
            try await store.createSession(owner: fran.facilitator.id, definition: StoreFixtures.definition(), participants: [])
        }
        #expect(error?.code == .unknownFacilitator)
        #expect(try await store.sessions(ownedBy: fran.facilitator.id).isEmpty)
        await store.close()
    }

    @Test func tokensNeverReachTheDatabaseFiles() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path)
        let store = try await Store.open(configuration)
        let (facilitator, created) = try await StoreFixtures.session(in: store)
        let extra = try await store.addParticipant(NewParticipant(name: "Cleo", role: "reviewer"), to: created.session.id)
        let reissued = try await store.reissueInvite(for: extra.participant.id, in: created.session.id)
        let bytesWhileOpen = StoreFixtures.fileBytes(configuration)
        await store.close()
        let bytesAfterClose = StoreFixtures.fileBytes(configuration)
        let tokens = [facilitator.token, extra.token, reissued.token] + created.invites.map(\.token)
        // The check itself must be able to fail: a stored participant name is found.
        #expect(StoreFixtures.contains(bytesAfterClose, "Cleo"))
        for token in tokens {
            #expect(!StoreFixtures.contains(bytesWhileOpen, token))
            #expect(!StoreFixtures.contains(bytesAfterClose, token))
        }
    }

    @Test func deletingASessionErasesItsContentFromTheFiles() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let configuration = StoreConfiguration(dataDirectory: dir.path)
        let store = try await Store.open(configuration)
        let (facilitator, created) = try await StoreFixtures.session(in: store, participants: [NewParticipant(name: "Zebedee-Secret-Name", role: "reviewer")])
        let id = created.session.id
        _ = try await store.append([StoreFixtures.event(1, name: "note.op", data: #"{"text":"confidential-remark-4711"}"#, author: "p", opId: "o")], to: id)
        try await store.saveSnapshot(StoredSessionSnapshot(seq: 1, notes: [StoredNoteSnapshot(note: "evidence", rev: 1, text: "snapshot-secret-0815")]), for: id)
        let keep = try await store.createSession(owner: facilitator.facilitator.id, definition: StoreFixtures.definition("Kept"), participants: [])
        _ = try await store.append([StoreFixtures.event(1, data: #"{"text":"kept-remark-1234"}"#)], to: keep.session.id)
        try await store.checkpoint()
        #expect(StoreFixtures.contains(StoreFixtures.fileBytes(configuration), "confidential-remark-4711"))
        try await store.deleteSession(id)
        #expect(try await store.load(id) == nil)
        #expect(try await store.authenticateParticipant(token: created.invites[0].token) == nil)
        let again = await #expect(throws: StoreError.self) { try await store.deleteSession(id) }
        #expect(again?.code == .unknownSession)
        let bytes = StoreFixtures.fileBytes(configuration)
        for secret in ["confidential-remark-4711", "snapshot-secret-0815", "Zebedee-Secret-Name"] {
            #expect(!StoreFixtures.contains(bytes, secret), "\(secret) is still in the database files")
        }
        #expect(StoreFixtures.contains(bytes, "kept-remark-1234"))
        #expect(try await store.events(of: keep.session.id, after: 0).count == 1)
        await store.close()
    }

    @Test func sessionsCanBeListedUpdatedAndRescheduled() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let (facilitator, created) = try await StoreFixtures.session(in: store)
        var definition = created.session.definition
        definition.title = "Renamed"
        definition.startsAt = definition.startsAt.adding(seconds: 3600)
        let updated = try await store.updateSession(created.session.id, definition: definition, reschedule: true)
        #expect(updated.definition == definition)
        #expect(updated.calendarSequence == 1)
        #expect(try await store.sessions(ownedBy: facilitator.facilitator.id) == [updated])
        let epoch = try await store.renewEpoch(of: created.session.id)
        #expect(epoch != created.session.epoch)
        #expect(try await store.session(created.session.id)?.epoch == epoch)
        definition.title = " "
        let blank = await #expect(throws: StoreError.self) { try await store.updateSession(created.session.id, definition: definition, reschedule: false) }
        #expect(blank?.code == .invalidInput)
        #expect(try await store.session(created.session.id)?.definition.title == "Renamed")
        await store.close()
    }
    @Test func malformedSessionsAreRefusedAndNothingIsStored() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try await Store.open(StoreConfiguration(dataDirectory: dir.path))
        let fran = try await store.addFacilitator(name: "Fran")
        let untitled = await #expect(throws: StoreError.self) {
            try await store.createSession(owner: fran.facilitator.id, definition: StoreFixtures.definition("  "), participants: [])
        }
        #expect(untitled?.code == .invalidInput)
        let nameless = await #expect(throws: StoreError.self) {
            try await store.createSession(owner: fran.facilitator.id, definition: StoreFixtures.definition(),
                                          participants: [NewParticipant(name: "Asha", role: "reviewer"), NewParticipant(name: " ", role: "host")])
        }
        #expect(nameless?.code == .invalidInput)
        #expect(nameless?.message.contains("role 'host'") == true)
        let roleless = await #expect(throws: StoreError.self) {
            try await store.createSession(owner: fran.facilitator.id, definition: StoreFixtures.definition(), participants: [NewParticipant(name: "Asha", role: "")])
        }
        #expect(roleless?.code == .invalidInput)
        let noOwner = await #expect(throws: StoreError.self) {
            try await store.createSession(owner: FacilitatorID("f_ghost"), definition: StoreFixtures.definition(), participants: [])
        }
        #expect(noOwner?.code == .unknownFacilitator)
        #expect(try await store.sessions(ownedBy: fran.facilitator.id).isEmpty)
        await store.close()
    }
}
