import Foundation
import ReviewRoomCore
import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

@Suite("Live sessions: presence, cursors, signals, limits")
struct EphemeralTests {
    @Test func presenceCursorAndSignalReachTheRightPeople() async throws {
        let app = try await InProcessServer.start()
        let (asha, _) = try await app.join("Asha")
        let (tab2, _) = try await app.join("Asha")
        let (ben, benWelcome) = try await app.join("Ben")
        let ashaID = try #require(app.fixture.participantIDs["Asha"]), benID = try #require(app.fixture.participantIDs["Ben"])
        let people = (benWelcome.object["session"] as? [String: Any])?["participants"] as? [[String: Any]] ?? []
        #expect(people.first { $0["id"] as? String == ashaID }?["online"] as? Bool == true)
        _ = try await asha.message("presence", where: { ($0.object["online"] as? [String])?.contains(benID) == true })

        _ = try await ben.request("note.edit", ["note": "evidence", "rev": 0, "opId": "b1", "op": ["abc"]])
        // A cursor made at rev 0 is moved over Ben's insert to rev 1; the sender does not get it back.
        #expect(try await asha.request("note.cursor", ["note": "evidence", "rev": 0, "anchor": 0, "head": 0]).type == "ack")
        let cursor = try await ben.message("cursor")
        #expect(cursor.object["rev"] as? Int == 1)
        #expect(cursor.object["anchor"] as? Int == 3, "the caret stays after Ben's insert")
        #expect(cursor.object["by"] as? String == ashaID)
        let badCursor = try await asha.request("note.cursor", ["note": "evidence", "rev": 1, "anchor": 9, "head": 0])
        #expect(badCursor.code == "invalid_op")

        #expect(try await ben.request("signal", ["kind": "slower"]).type == "ack")
        for client in [asha, tab2, ben] {
            let signal = try await client.message("signal")
            #expect(signal.object["kind"] as? String == "slower")
        }
        #expect(!asha.messages.entries.contains { $0.type == "cursor" })

        tab2.disconnect()
        asha.disconnect()
        _ = try await ben.message("presence", where: { ($0.object["online"] as? [String]) == [benID] })
        ben.disconnect()
        await app.stop()
    }

    @Test func aNoteOverItsLimitIsTooLargeAndUnchanged() async throws {
        var limits = LiveLimits()
        limits.maxNoteUnits = 5
        let app = try await InProcessServer.start(limits: limits)
        let (asha, _) = try await app.join("Asha")
        defer { asha.disconnect() }
        #expect(try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a", "op": ["12345"]]).type == "ack")
        let refused = try await asha.request("note.edit", ["note": "evidence", "rev": 1, "opId": "b", "op": [5, "6"]])
        #expect(refused.code == "too_large")
        let note = try await asha.request("note.get", ["note": "evidence"])
        #expect((note.object["note"] as? [String: Any])?["text"] as? String == "12345")
        #expect(try await asha.request("note.get", ["note": "nope"]).code == "not_found")
        // An edit or a cursor in a note the session does not have is not_found too, and changes nothing.
        #expect(try await asha.request("note.edit", ["note": "nope", "rev": 0, "opId": "c", "op": ["x"]]).code == "not_found")
        #expect(try await asha.request("note.cursor", ["note": "nope", "rev": 0, "anchor": 0, "head": 0]).code == "not_found")
        let after = try await asha.request("note.get", ["note": "evidence"])
        #expect((after.object["note"] as? [String: Any])?["rev"] as? Int == 1)
        await app.stop()
    }

    @Test func aConsoleWithoutAFacilitatorParticipantGetsOne() async throws {
        let data = try TemporaryDirectory.make(prefix: "reviewroom-console")
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        let owner = try await store.addFacilitator(name: "Zoe")
        let other = try await store.addFacilitator(name: "Yan")
        let created = try await store.createSession(
            owner: owner.facilitator.id,
            definition: SessionDefinition(title: "Bare", hostSchool: "H", focus: "F", startsAt: InProcessServer.start,
                                          timeZone: "UTC", agendaJSON: String(decoding: try JSONEncoder().encode(SessionFixture.agenda()), as: UTF8.self)),
            participants: [NewParticipant(name: "Raj", role: "reviewer"), NewParticipant(name: "Dana", role: "facilitator")])
        await store.close()
        let fixture = SessionFixture(session: created.session.id, facilitatorToken: owner.token, tokens: [:], participantIDs: [:],
                                     epoch: created.session.epoch)
        let app = try await InProcessServer.start(data: data, fixture: fixture)
        let console = try await ProtocolClient.connect(port: app.port)
        defer { console.disconnect() }
        let welcome = try await console.hello(facilitatorToken: owner.token, session: created.session.id.rawValue)
        #expect(welcome.type == "welcome")
        let you = try #require(welcome.object["you"] as? [String: Any])
        #expect(you["role"] as? String == "facilitator")
        // Zoe's own participant, added now — not the co-facilitator Dana.
        #expect(you["name"] as? String == "Zoe")
        #expect(you["id"] as? String != created.invites.first { $0.participant.name == "Dana" }?.participant.id.rawValue)
        #expect(try await console.request("session.start").type == "ack")
        // Another facilitator's token on Zoe's session, then a revoked one: 4001.
        let stranger = try await ProtocolClient.connect(port: app.port)
        _ = try await stranger.hello(facilitatorToken: other.token, session: created.session.id.rawValue)
        #expect(try await stranger.closed().closeCode == 4001)
        _ = try await app.store.revokeFacilitator(owner.facilitator.id)
        let revoked = try await ProtocolClient.connect(port: app.port)
        _ = try await revoked.hello(facilitatorToken: owner.token, session: created.session.id.rawValue)
        #expect(try await revoked.closed().closeCode == 4001)
        await app.stop()
    }

    @Test func anIdleSessionIsUnloadedAndComesBack() async throws {
        let app = try await InProcessServer.start()
        let (asha, _) = try await app.join("Asha")
        _ = try await asha.request("hand.raise", ["kind": "contribution"])
        asha.disconnect()
        // Unloading follows the leave; a new join loads the session from the store again.
        let ben = try await ProtocolClient.connect(port: app.port)
        defer { ben.disconnect() }
        let welcome: ProtocolMessage
        do { welcome = try await ben.hello(token: app.fixture.tokens["Ben"] ?? "") } catch {
            Issue.record("ben got \(ben.messages.entries)")
            throw error
        }
        #expect(welcome.seq == 1)
        let floor = (welcome.object["session"] as? [String: Any])?["floor"] as? [String: Any]
        #expect((floor?["queue"] as? [[String: Any]])?.count == 1)
        await app.stop()
    }
}

@Suite("Live sessions: language hints")
struct HintTests {
    @Test func anEditWithJudgementalWordingGetsAHintOnlyForItsAuthor() async throws {
        var limits = LiveLimits()
        limits.languageHints = true
        let app = try await InProcessServer.start(limits: limits)
        let (asha, _) = try await app.join("Asha")
        let (ben, _) = try await app.join("Ben")
        _ = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a1", "op": ["First line.\nThe pupils were lazy."]])
        let hint = try await asha.message("hint")
        #expect(hint.object["rev"] as? Int == 1)
        let hints = try #require(hint.object["hints"] as? [[String: Any]])
        let lazy = try #require(hints.first { ($0["phrase"] as? String)?.lowercased().contains("lazy") == true })
        // Positions count from the start of the note, not the paragraph.
        #expect(lazy["from"] as? Int == Array("First line.\nThe pupils were ".utf16).count)
        let ping = try await ben.request("ping")
        #expect(ping.type == "ack")
        #expect(!ben.messages.entries.contains { $0.type == "hint" })
        asha.disconnect()
        ben.disconnect()
        await app.stop()
    }

    @Test func withHintsOffTheSameEditGetsNone() async throws {
        var limits = LiveLimits()
        limits.languageHints = false
        let app = try await InProcessServer.start(limits: limits)
        let (asha, _) = try await app.join("Asha")
        let ack = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a1", "op": ["First line.\nThe pupils were lazy."]])
        #expect(ack.object["rev"] as? Int == 1)
        // A hint would be queued right after the edit's ack, so before the ping's.
        let ping = try await asha.request("ping")
        #expect(ping.type == "ack")
        #expect(!asha.messages.entries.contains { $0.type == "hint" })
        asha.disconnect()
        await app.stop()
    }
}
