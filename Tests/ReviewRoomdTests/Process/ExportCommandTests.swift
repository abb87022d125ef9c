import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// `reviewroomd export`: a session written to a real store in a temp dir, exported by the real binary.
@Suite("export command")
struct ExportCommandTests {
    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// A store holding one started session with one note edit; returns its directory and session id.
    private func storeWithSession() async throws -> (URL, String) {
        let directory = try TemporaryDirectory.make(prefix: "export")
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .createIfNeeded))
        let owner = try await store.addFacilitator(name: "Fran").facilitator.id
        let startsAt = Timestamp(millisecondsSince1970: 1_796_117_400_000)
        let agenda = try #require(BuiltInContent.template("rapid-remote-90")).phases
        let deck = try #require(BuiltInContent.deck("covid-recovery")).prompts
        let notes = [NoteHeading(id: "evidence", title: "Evidence"), NoteHeading(id: "actions", title: "Actions")]
        let definition = SessionDefinition(
            title: "Reading <b>review</b>", hostSchool: "Northfield Primary", focus: "Reading stamina",
            startsAt: startsAt, timeZone: "Europe/London", agendaJSON: try Self.json(agenda),
            promptsJSON: try Self.json(deck), notesJSON: try Self.json(notes))
        let created = try await store.createSession(
            owner: owner, definition: definition,
            participants: [NewParticipant(name: "Fran", role: "facilitator"), NewParticipant(name: "Asha", role: "reviewer")])
        let ids = created.invites.map(\.participant.id.rawValue)
        var state = SessionState(
            info: SessionInfo(id: created.session.id.rawValue, title: definition.title, hostSchool: definition.hostSchool,
                              focus: definition.focus, startsAt: startsAt, timeZone: definition.timeZone),
            agenda: agenda,
            participants: [Participant(id: ids[0], name: "Fran", role: .facilitator),
                           Participant(id: ids[1], name: "Asha", role: .reviewer)],
            notes: notes, deck: deck)
        let started = try state.apply(.sessionStart, by: ids[0], at: startsAt).get()
        var records: [EventRecord] = try started.enumerated().map { index, event in
            let object = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(event)) as? [String: Any])
            let data = try JSONSerialization.data(withJSONObject: try #require(object["data"]))
            return EventRecord(seq: Int64(index + 1), at: event.at, name: event.name,
                               data: String(decoding: data, as: UTF8.self), author: ids[0])
        }
        records.append(EventRecord(
            seq: Int64(records.count + 1), at: startsAt.adding(seconds: 30), name: "note.op",
            data: "{\"note\":\"evidence\",\"rev\":1,\"op\":[\"Pupils never read at home.\"],\"by\":\"\(ids[1])\",\"opId\":\"o1\"}",
            author: ids[1], opId: "o1"))
        _ = try await store.append(records, to: created.session.id)
        await store.close()
        return (directory, created.session.id.rawValue)
    }

    @Test func exportsAStoredSessionAsJSONMarkdownAndHTML() async throws {
        let (directory, id) = try await storeWithSession()
        let json = try await reviewroomd(["export", id, "--format", "json", "--data-dir", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["draft"] as? Bool == true)
        let notes = try #require(object["notes"] as? [[String: Any]])
        #expect(notes.first?["text"] as? String == "Pupils never read at home.")
        #expect(notes.first?["authors"] as? [String] == ["Asha"])
        let phrases = try #require(object["phrasesToRevisit"] as? [[String: Any]])
        #expect(phrases.map { $0["phrase"] as? String } == ["never"])

        let markdown = try await reviewroomd(["export", id, "--data-dir", directory.path])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.hasPrefix("# Review record: Reading &lt;b\\>review&lt;/b\\>"))
        let html = try await reviewroomd(["export", id, "--format", "html", "--data-dir", directory.path])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("Reading &lt;b&gt;review&lt;/b&gt;"))
    }

    @Test func anUnknownSessionIsAClearError() async throws {
        let (directory, _) = try await storeWithSession()
        let result = try await reviewroomd(["export", "no-such-session", "--data-dir", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("there is no session 'no-such-session'"))
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnreadableStoredEventIsNamedAndNothingIsPrinted() async throws {
        let (directory, id) = try await storeWithSession()
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .existingOnly))
        let seq = try await store.lastSeq(of: SessionID(id)) + 1
        _ = try await store.append([EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: 1_796_117_500_000),
                                                name: "clock.changed", data: "{\"clock\":\"broken\"}")], to: SessionID(id))
        await store.close()
        let result = try await reviewroomd(["export", id, "--format", "json", "--data-dir", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("session '\(id)': event \(seq) (clock.changed)"))
        #expect(result.stdout.isEmpty)
    }

    /// The definition as created is opaque JSON to the store: one that does not decode (here a
    /// session created with a broken agenda, then fixed by an update) is named, nothing printed.
    @Test func anUnreadableDefinitionAsCreatedIsNamedAndNothingIsPrinted() async throws {
        let (directory, id) = try await storeWithSession()
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .existingOnly))
        let good = try #require(try await store.session(SessionID(id))).definition
        var broken = good
        broken.agendaJSON = "[{\"title\": 7}]"
        let owner = try #require(try await store.facilitators().first).id
        let created = try await store.createSession(owner: owner, definition: broken, participants: [])
        _ = try await store.updateSession(created.session.id, definition: good, reschedule: false)
        await store.close()
        let result = try await reviewroomd(["export", created.session.id.rawValue, "--data-dir", directory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("session '\(created.session.id.rawValue)' has a stored definition as created that does not decode"),
                "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// The record route takes `?format=JSON`; the command said "The value 'JSON' is invalid".
    @Test func theFormatIsReadInAnyCase() async throws {
        let (directory, id) = try await storeWithSession()
        let upper = try await reviewroomd(["export", id, "--format", "JSON", "--data-dir", directory.path])
        #expect(upper.status == 0, "\(upper.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(upper.stdout.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(try await reviewroomd(["export", id, "--format", "Html", "--data-dir", directory.path]).stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func anUnknownFormatIsRefused() async throws {
        let (directory, id) = try await storeWithSession()
        let result = try await reviewroomd(["export", id, "--format", "pdf", "--data-dir", directory.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("pdf"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aRevokedParticipantIsCreditedByNameAndListedAsRemoved() async throws {
        let (directory, id) = try await storeWithSession()
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .existingOnly))
        let people = try await store.participants(of: SessionID(id))
        let asha = try #require(people.first { $0.name == "Asha" }).id
        let fran = try #require(people.first { $0.name == "Fran" }).id
        try await store.revokeParticipant(asha, in: SessionID(id))
        // What the server logs for the revocation: the list without her.
        let seq = try await store.lastSeq(of: SessionID(id)) + 1
        _ = try await store.append([EventRecord(
            seq: seq, at: Timestamp(millisecondsSince1970: 1_796_117_460_000), name: "participant.changed",
            data: "{\"participants\":[{\"id\":\"\(fran.rawValue)\",\"name\":\"Fran\",\"role\":\"facilitator\",\"online\":false}]}")],
            to: SessionID(id))
        await store.close()
        let json = try await reviewroomd(["export", id, "--format", "json", "--data-dir", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let notes = try #require(object["notes"] as? [[String: Any]])
        #expect(notes.first?["authors"] as? [String] == ["Asha"])
        let listed = try #require(object["participants"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["Fran", "Asha"])
        #expect(listed.map { $0["removed"] as? Bool } == [false, true])
        #expect(listed.map { $0["role"] as? String } == ["facilitator", "reviewer"])
        let log = try #require(object["log"] as? [[String: Any]]).compactMap { $0["text"] as? String }
        #expect(log.contains("Participant removed: Asha (reviewer)"))
        let markdown = try await reviewroomd(["export", id, "--data-dir", directory.path])
        #expect(markdown.stdout.contains("Asha (reviewer, removed)"))
        #expect(!markdown.stdout.contains(asha.rawValue))
    }

    /// Attendance is exported too; an interval a killed daemon left open is shown as the daemon
    /// would close it, at the last stored event or its last still-here mark (the later), marked
    /// a lower bound. (The fixture's events are dated in the future while the export's draft is
    /// cut at the real now, so the joins and a last edit are dated just before now.)
    @Test func attendanceIsExportedAndAnOpenIntervalEndsAtTheLastEventOrMark() async throws {
        let (directory, id) = try await storeWithSession()
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .existingOnly))
        let people = try await store.participants(of: SessionID(id))
        let asha = try #require(people.first { $0.name == "Asha" }).id
        let fran = try #require(people.first { $0.name == "Fran" }).id
        let earlier = Timestamp(secondsSince1970: Date().timeIntervalSince1970 - 100)
        try await store.recordJoined(fran, in: SessionID(id), at: earlier)
        try await store.recordLeft(fran, in: SessionID(id), at: earlier.adding(seconds: 10))
        try await store.recordJoined(asha, in: SessionID(id), at: earlier.adding(seconds: 5))
        let seq = try await store.lastSeq(of: SessionID(id)) + 1
        _ = try await store.append([EventRecord(
            seq: seq, at: earlier.adding(seconds: 30), name: "note.op",
            data: "{\"note\":\"evidence\",\"rev\":2,\"op\":[26,\"!\"],\"by\":\"\(asha.rawValue)\",\"opId\":\"o2\"}",
            author: asha.rawValue, opId: "o2")], to: SessionID(id))
        await store.close()
        let json = try await reviewroomd(["export", id, "--format", "json", "--data-dir", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let listed = try #require(object["participants"] as? [[String: Any]])
        #expect(listed.map { $0["attended"] as? Bool } == [true, true])
        #expect(listed.map { $0["onlineSec"] as? Double } == [10, 25])
        #expect(listed.map { $0["onlineSecIsLowerBound"] as? Bool } == [nil, true])
        #expect((object["attendanceNote"] as? String)?.contains("Asha") == true)
        let markdown = try await reviewroomd(["export", id, "--data-dir", directory.path])
        #expect(markdown.stdout.contains("| Asha | reviewer | yes |"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| at least 25 s |"), "\(markdown.stdout)")

        // A still-here mark after the last event (a quiet minute before the kill) moves the end.
        let marking = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .existingOnly))
        #expect(try await marking.recordStillOnline(in: SessionID(id), at: earlier.adding(seconds: 70)) == 1)
        await marking.close()
        let marked = try await reviewroomd(["export", id, "--format", "json", "--data-dir", directory.path])
        let markedObject = try #require(try JSONSerialization.jsonObject(with: Data(marked.stdout.utf8)) as? [String: Any])
        let markedList = try #require(markedObject["participants"] as? [[String: Any]])
        #expect(markedList.map { $0["onlineSec"] as? Double } == [10, 65])
        #expect(markedList.map { $0["onlineSecIsLowerBound"] as? Bool } == [nil, true])
    }
    /// A PATCH after the start, stored as the server stores it (its `session.changed`, then the
    /// definition overwritten): the export still says what it replaced, from the definition
    /// the store kept as created.
    @Test func anEditIsExportedWithTheValuesItReplaced() async throws {
        let (directory, id) = try await storeWithSession()
        let store = try await Store.open(StoreConfiguration(dataDirectory: directory.path, openMode: .existingOnly))
        let stored = try #require(try await store.session(SessionID(id)))
        var agenda = try JSONDecoder().decode([Phase].self, from: Data(stored.definition.agendaJSON.utf8))
        let last = try #require(agenda.last)
        agenda[agenda.count - 1].durationSec += 300
        let deck = try JSONDecoder().decode([Prompt].self, from: Data(stored.definition.promptsJSON.utf8))
        let change = SessionChange(title: "Reading and writing review", focus: stored.definition.focus,
                                   startsAt: stored.definition.startsAt, timeZone: stored.definition.timeZone,
                                   agenda: agenda, prompts: Prompts(deck: deck))
        let seq = try await store.lastSeq(of: SessionID(id)) + 1
        _ = try await store.append([EventRecord(seq: seq, at: Timestamp(millisecondsSince1970: 1_796_117_460_000),
                                                name: "session.changed", data: try Self.json(change))], to: SessionID(id))
        var definition = stored.definition
        definition.title = change.title
        definition.agendaJSON = try Self.json(agenda)
        _ = try await store.updateSession(SessionID(id), definition: definition, reschedule: true)
        await store.close()
        let json = try await reviewroomd(["export", id, "--format", "json", "--data-dir", directory.path])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let log = try #require(object["log"] as? [[String: Any]]).filter { $0["seq"] as? Int == Int(seq) }
        let minutes = Int(last.durationSec) / 60
        #expect(log.compactMap { $0["text"] as? String } == [
            "Title: “Reading <b>review</b>” → “Reading and writing review”",
            "Phase \(agenda.count) “\(last.title)” lengthened from \(minutes) to \(minutes + 5) min",
        ])
    }
}
