import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// Snapshots: a live session stores its state and notes every `snapshot_every_events` events;
/// loading it restores the latest snapshot and replays only what came after, and the notes'
/// older history is read back from the log when an edit or the record needs it.
@Suite("Live sessions: snapshots")
struct SnapshotTests {
    static let t0 = Timestamp(millisecondsSince1970: 1_900_000_000_000)

    static func limits(snapshotEvery events: Int) -> LiveLimits {
        var limits = LiveLimits()
        limits.snapshotEveryEvents = events
        return limits
    }

    /// An op that appends `text` to a note `length` units long, as JSON and as message fields.
    static func append(_ text: String, to length: Int) -> (json: String, fields: [Any]) {
        length == 0 ? ("[\"\(text)\"]", [text]) : ("[\(length), \"\(text)\"]", [length, text])
    }

    /// Sends `op` as `client`, applies it to `expected` too, and checks both give the same rev.
    static func edit(_ client: ProtocolClient, _ expected: inout NoteBuffer, author: String, opId: String, rev: Int,
                     op: (json: String, fields: [Any])) async throws {
        let ack = try await client.request("note.edit", ["note": "evidence", "rev": rev, "opId": opId, "op": op.fields])
        let result = try expected.receive(TextOperation(json: op.json), baseRev: rev, author: author, opId: opId, at: t0)
        #expect(ack.object["rev"] as? Int == result.rev, "\(ack)")
    }

    static func noteText(_ client: ProtocolClient) async throws -> (text: String?, rev: Int?) {
        let reply = try await client.request("note.get", ["note": "evidence"])
        let note = reply.object["note"] as? [String: Any]
        return (note?["text"] as? String, note?["rev"] as? Int)
    }

    @Test func aSessionLoadsFromItsLatestSnapshotIntoTheStateAFullReplayGives() async throws {
        let first = try await InProcessServer.start(limits: Self.limits(snapshotEvery: 5))
        let session = first.fixture.session
        let (fay, _) = try await first.join("Fay")
        let (asha, _) = try await first.join("Asha")
        let (ben, _) = try await first.join("Ben")
        let ashaID = try #require(first.fixture.participantIDs["Asha"]), benID = try #require(first.fixture.participantIDs["Ben"])
        _ = try await fay.request("session.start")
        var expected = NoteBuffer(id: "evidence", title: "Evidence")
        for i in 0..<14 {
            let (client, id) = i % 2 == 0 ? (asha, ashaID) : (ben, benID)
            try await Self.edit(client, &expected, author: id, opId: "o\(i)", rev: expected.revision,
                                op: Self.append("w\(i) ", to: expected.text.utf16Count))
            if i == 5 { _ = try await ben.request("hand.raise", ["kind": "contribution"]) }
        }
        // One edit made on an old revision, transformed over everything since.
        try await Self.edit(asha, &expected, author: ashaID, opId: "late", rev: 1, op: ("[\"¡\", 3]", ["¡", 3]))
        _ = try await first.registry.edit(session: session, SessionEdit(title: "Renamed"), at: first.clock.now())
        for client in [fay, asha, ben] { client.disconnect() }
        await first.stop()

        let store = try await Store.open(StoreConfiguration(dataDirectory: first.dataDirectory.path))
        let loaded = try #require(try await store.load(session))
        let snapshot = try #require(loaded.snapshot)
        #expect(snapshot.seq >= 5)
        #expect(loaded.events.map(\.seq) == Array(stride(from: snapshot.seq + 1, through: loaded.lastSeq, by: 1)))
        var whole = loaded
        whole.snapshot = nil
        whole.events = try await store.events(of: session, after: 0)
        await store.close()

        let fromSnapshot = try LoadedSessionState(loaded, limits: LiveLimits(), shared: SharedDefinitions())
        let replayed = try LoadedSessionState(whole, limits: LiveLimits(), shared: SharedDefinitions())
        #expect(fromSnapshot.state == replayed.state)
        #expect(fromSnapshot.state.info.title == "Renamed")
        #expect(fromSnapshot.seq == replayed.seq)
        #expect(fromSnapshot.notes.mapValues(\.snapshot) == replayed.notes.mapValues(\.snapshot))
        #expect(fromSnapshot.notes["evidence"]?.snapshot.text == expected.text.string)
        #expect(fromSnapshot.snapshotSeq == snapshot.seq)
        #expect(replayed.snapshotSeq == 0)
        // Only the history after the snapshot was read.
        #expect((fromSnapshot.notes["evidence"]?.snapshotRevision ?? 0) > 0)
        #expect(fromSnapshot.notes["evidence"]?.history.count ?? 0 < replayed.notes["evidence"]?.history.count ?? 0)
    }

    /// Asha appends "a0", "a1", … (`count` edits, each on the latest rev) in a fresh in-process
    /// server, which then stops; returns it (for its data directory and fixture), the expected
    /// note and the op fields sent.
    static func typedThenStopped(_ count: Int, limits: LiveLimits = LiveLimits()) async throws
        -> (first: InProcessServer, expected: NoteBuffer, sent: [[Any]]) {
        let first = try await InProcessServer.start(limits: limits)
        let ashaID = try #require(first.fixture.participantIDs["Asha"])
        let (asha, _) = try await first.join("Asha")
        var expected = NoteBuffer(id: "evidence", title: "Evidence")
        var sent: [[Any]] = []
        for i in 0..<count {
            let op = append("a\(i)", to: expected.text.utf16Count)
            sent.append(op.fields)
            try await edit(asha, &expected, author: ashaID, opId: "a\(i)", rev: expected.revision, op: op)
        }
        asha.disconnect()
        await first.stop()
        return (first, expected, sent)
    }

    /// Asha types ten edits with a snapshot every four events; the daemon restarts (in process).
    static func restartedAfterTenEdits() async throws -> (server: InProcessServer, expected: NoteBuffer, sent: [[Any]]) {
        let (first, expected, sent) = try await typedThenStopped(10, limits: limits(snapshotEvery: 4))
        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture,
                                                     limits: limits(snapshotEvery: 4))
        #expect(try await second.store.load(first.fixture.session)?.snapshot?.notes.first?.rev ?? 0 >= 4)
        return (second, expected, sent)
    }

    @Test func anEditOrARepeatFromBeforeTheSnapshotIsDecidedAsWithTheWholeHistoryAfterARestart() async throws {
        var (server, expected, sent) = try await Self.restartedAfterTenEdits()
        let benID = try #require(server.fixture.participantIDs["Ben"])
        let (ben, welcome) = try await server.join("Ben")
        let notes = (welcome.object["session"] as? [String: Any])?["notes"] as? [[String: Any]]
        #expect(notes?.first { $0["id"] as? String == "evidence" }?["text"] as? String == expected.text.string)
        // Ben's pending op, made on rev 1 while he was away: transformed over revs 2…10.
        try await Self.edit(ben, &expected, author: benID, opId: "b1", rev: 1, op: ("[1, \"B\", 1]", [1, "B", 1]))
        // Asha resends her op from rev 2 (its ack was lost): acked with rev 3 again, not applied twice.
        let (asha, _) = try await server.join("Asha")
        let resend = try await asha.request("note.edit", ["note": "evidence", "rev": 2, "opId": "a2", "op": sent[2]])
        #expect(resend.object["rev"] as? Int == 3)
        let now = try await Self.noteText(ben)
        #expect(now.text == expected.text.string)
        #expect(now.rev == expected.revision)
        ben.disconnect()
        asha.disconnect()
        await server.stop()
    }

    @Test func aCursorOnARevisionFromBeforeTheSnapshotIsTransformedToTheCurrentOne() async throws {
        let (server, _, _) = try await Self.restartedAfterTenEdits()
        let ashaID = try #require(server.fixture.participantIDs["Asha"])
        let (asha, _) = try await server.join("Asha")
        let (ben, _) = try await server.join("Ben")
        // A selection made on rev 1 ("a0"), older than the history loaded with the snapshot:
        // the older ops are read back and it reaches Ben at rev 10 (appends leave it in place).
        let ack = try await asha.request("note.cursor", ["note": "evidence", "rev": 1, "anchor": 1, "head": 0])
        #expect(ack.type == "ack", "\(ack)")
        let cursor = try await ben.message("cursor")
        #expect(cursor.object["by"] as? String == ashaID)
        #expect(cursor.object["rev"] as? Int == 10)
        #expect(cursor.object["anchor"] as? Int == 1)
        #expect(cursor.object["head"] as? Int == 0)
        // A revision the note never had is still refused.
        let future = try await asha.request("note.cursor", ["note": "evidence", "rev": 11, "anchor": 0, "head": 0])
        #expect(future.object["code"] as? String == "invalid_op", "\(future)")
        asha.disconnect()
        ben.disconnect()
        await server.stop()
    }

    /// Resumes `name` from `after` (same epoch) and returns the reply and, for a `resumed`, the
    /// seqs of the events between it and its one `presence`.
    static func resume(_ name: String, after: Int64, epoch: String, port: Int, fixture: SessionFixture) async throws
        -> (reply: ProtocolMessage, replayed: [Int64]) {
        let client = try await ProtocolClient.connect(port: port)
        defer { client.disconnect() }
        let reply = try await client.hello(token: try requireTokenValue(fixture.tokens[name], name), resume: (epoch: epoch, after: after))
        guard reply.type == "resumed" else { return (reply, []) }
        _ = try await client.message("presence")
        let entries = client.messages.entries
        let from = try #require(entries.firstIndex { $0.type == "resumed" })
        let to = try #require(entries[from...].firstIndex { $0.type == "presence" })
        #expect(entries[(to + 1)...].allSatisfy { $0.type != "presence" && $0.type != "event" }, "\(entries[(to + 1)...].map { "\($0.type) \($0.object)" })")
        return (reply, entries[from..<to].compactMap { $0.type == "event" ? $0.seq : nil })
    }

    @Test func aResumeFromBeforeOrAfterTheSnapshotReplaysExactlyTheMissedEventsAfterARestart() async throws {
        let (server, _, _) = try await Self.restartedAfterTenEdits()
        let snapshotSeq = try #require(try await server.store.load(server.fixture.session)?.snapshot?.seq)
        #expect(snapshotSeq < 10)
        let (probe, first) = try await server.join("Hana")
        let epoch = try #require(first.object["epoch"] as? String)
        probe.disconnect()
        // From after the snapshot, from just before it and from the start: each gets `resumed`
        // and exactly the events it missed (PROTOCOL §3.2: any seq it has seen). Each waits
        // until the connection before it has left, or that leave's `presence` would follow.
        for after in [snapshotSeq, snapshotSeq - 1, 0] {
            try await FullDiskSessions.waitUntil("everyone before has left") { await server.registry.loaded(server.fixture.session) == nil }
            let (reply, replayed) = try await Self.resume("Ben", after: after, epoch: epoch, port: server.port, fixture: server.fixture)
            #expect(reply.type == "resumed", "after \(after): \(reply)")
            #expect(reply.seq == 10)
            #expect(replayed == Array((after + 1)...10), "after \(after)")
        }
        await server.stop()
    }

    @Test func aResumeFromBeforeTheSnapshotButBeyondTheReplayWindowGetsAWelcomeAfterARestart() async throws {
        var limits = Self.limits(snapshotEvery: 4)
        limits.replayLimit = 5
        let (first, expected, _) = try await Self.typedThenStopped(10, limits: limits)
        let server = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture, limits: limits)
        let snapshotSeq = try #require(try await server.store.load(server.fixture.session)?.snapshot?.seq)
        #expect(snapshotSeq == 8)
        let (probe, hello) = try await server.join("Hana")
        let epoch = try #require(hello.object["epoch"] as? String)
        probe.disconnect()
        // Seq 5 is the oldest a 5-event window lets a client resume from: 6…8 come from the
        // log before the snapshot, 9 and 10 from after it. (Once Hana has left: her leave's
        // `presence` would otherwise follow Ben's.)
        try await FullDiskSessions.waitUntil("Hana has left") { await server.registry.loaded(server.fixture.session) == nil }
        let inside = try await Self.resume("Ben", after: 5, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(inside.reply.type == "resumed", "\(inside.reply)")
        #expect(inside.replayed == Array(6...10))
        // Seq 4 is a 6-event backlog, over the limit: a fresh welcome with the whole state.
        let beyond = try await Self.resume("Ben", after: 4, epoch: epoch, port: server.port, fixture: server.fixture)
        #expect(beyond.reply.type == "welcome", "\(beyond.reply)")
        let notes = (beyond.reply.object["session"] as? [String: Any])?["notes"] as? [[String: Any]]
        #expect(notes?.first { $0["id"] as? String == "evidence" }?["text"] as? String == expected.text.string)
        await server.stop()
    }

    @Test func anOpIdFromBeforeTheSnapshotRepeatedOnTheCurrentRevisionIsAckedWithItsFirstRev() async throws {
        var (server, expected, _) = try await Self.restartedAfterTenEdits()
        let benID = try #require(server.fixture.participantIDs["Ben"])
        let (asha, _) = try await server.join("Asha")
        let (ben, _) = try await server.join("Ben")
        // a0 (rev 1, stored before the snapshot) sent again on today's revision with another op:
        // acked with its first rev, not applied, and the store never sees it twice.
        let repeated = try await asha.request("note.edit", ["note": "evidence", "rev": 10, "opId": "a0", "op": [20, "x"]])
        #expect(repeated.object["rev"] as? Int == 1, "\(repeated)")
        #expect(try await Self.noteText(ben).rev == 10)
        // The session goes on.
        try await Self.edit(ben, &expected, author: benID, opId: "b1", rev: 10, op: Self.append("!", to: expected.text.utf16Count))
        #expect(try await Self.noteText(asha).text == expected.text.string)
        asha.disconnect()
        ben.disconnect()
        await server.stop()
    }

    /// The same after the end, for an opId whose op left memory: its first rev is read back
    /// from the store although the session refuses every new edit.
    @Test func anOpIdFromBeforeTheSnapshotRepeatedAfterTheEndIsAckedWithItsFirstRev() async throws {
        let (server, expected, _) = try await Self.restartedAfterTenEdits()
        let (fay, _) = try await server.join("Fay")
        let (asha, _) = try await server.join("Asha")
        #expect(try await fay.request("session.start").type == "ack")
        #expect(try await fay.request("session.end").type == "ack")
        let repeated = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a0", "op": ["x"]])
        #expect(repeated.object["rev"] as? Int == 1, "\(repeated)")
        let fresh = try await asha.request("note.edit", ["note": "evidence", "rev": 0, "opId": "a-new", "op": ["x"]])
        #expect(fresh.code == "session_ended", "\(fresh)")
        #expect(try await Self.noteText(fay).text == expected.text.string)
        asha.disconnect()
        fay.disconnect()
        await server.stop()
    }

    @Test func theRecordOfASessionLoadedFromASnapshotKnowsWhoWroteTheOlderText() async throws {
        let (server, expected, _) = try await Self.restartedAfterTenEdits()
        let (asha, _) = try await server.join("Asha")
        let input = try #require(try await server.registry.recordInput(session: server.fixture.session, at: server.clock.now()))
        let note = try #require(input.notes.first { $0.id == "evidence" })
        #expect(note.text.string == expected.text.string)
        #expect(note.authorship() == expected.authorship())
        #expect(note.authorship().allSatisfy { $0.author != nil })
        // The record's copy of the note has its whole history; the live note stays trimmed.
        let actor = try #require(await server.registry.loaded(server.fixture.session))
        #expect(await actor.historyInMemory(of: "evidence").oldest > 0)
        asha.disconnect()
        await server.stop()
    }

    @Test func aSessionLoadedFromALongLogWithoutASnapshotSavesOneRightAway() async throws {
        let (first, expected, _) = try await Self.typedThenStopped(6)
        let session = first.fixture.session
        #expect(try await Self.savedSnapshot(in: first.dataDirectory, of: session) == nil)

        // Loaded (by a join) with a lower threshold than the log's length: a snapshot at once.
        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture,
                                                     limits: Self.limits(snapshotEvery: 5))
        let (ben, _) = try await second.join("Ben")
        ben.disconnect()
        await second.stop()
        let snapshot = try #require(try await Self.savedSnapshot(in: first.dataDirectory, of: session))
        #expect(snapshot.seq == 6)
        #expect(snapshot.notes == [StoredNoteSnapshot(note: "evidence", rev: 6, text: expected.text.string)])
    }

    static func savedSnapshot(in data: URL, of session: SessionID) async throws -> StoredSessionSnapshot? {
        let store = try await Store.open(StoreConfiguration(dataDirectory: data.path))
        let snapshot = try await store.load(session)?.snapshot
        await store.close()
        return snapshot
    }

    @Test func anUnreadableSnapshotIsPassedOverAndTheWholeLogReplayed() async throws {
        let (first, expected, _) = try await Self.typedThenStopped(5, limits: Self.limits(snapshotEvery: 2))
        let session = first.fixture.session
        // A snapshot whose state does not decode (as a newer or damaged build might leave).
        let store = try await Store.open(StoreConfiguration(dataDirectory: first.dataDirectory.path))
        let last = try await store.lastSeq(of: session)
        try await store.saveSnapshot(StoredSessionSnapshot(seq: last, notes: [StoredNoteSnapshot(note: "evidence", rev: 1, text: "?")],
                                                           stateJSON: "{\"not\":\"a state\"}"), for: session)
        await store.close()

        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture,
                                                     limits: Self.limits(snapshotEvery: 2))
        let (ben, welcome) = try await second.join("Ben")
        let notes = (welcome.object["session"] as? [String: Any])?["notes"] as? [[String: Any]]
        #expect(notes?.first { $0["id"] as? String == "evidence" }?["text"] as? String == expected.text.string)
        #expect(try await Self.noteText(ben).rev == 5)
        ben.disconnect()
        await second.stop()
        // Having replayed the whole log, the load wrote a good snapshot over the bad one.
        let rewritten = try #require(try await Self.savedSnapshot(in: first.dataDirectory, of: session))
        #expect(rewritten.seq == last)
        #expect(rewritten.notes == [StoredNoteSnapshot(note: "evidence", rev: 5, text: expected.text.string)])
        #expect((try? JSONDecoder().decode(SessionState.self, from: Data(rewritten.stateJSON.utf8))) != nil)
    }

    @Test(arguments: [SIGTERM, SIGKILL])
    func aClientThatLeftBeforeTheSnapshotResumesWithTheMissedEventsAfterTheDaemonRestarts(signal: Int32) async throws {
        let environment = ["REVIEWROOM_SNAPSHOT_EVERY_EVENTS": "3"]
        let first = try await LiveDaemon.start(environment: environment)
        let ashaID = try #require(first.fixture.participantIDs["Asha"])
        let (asha, _) = try await first.join("Asha")
        var expected = NoteBuffer(id: "evidence", title: "Evidence")
        for i in 0..<2 {
            try await Self.edit(asha, &expected, author: ashaID, opId: "a\(i)", rev: expected.revision,
                                op: Self.append("a\(i)", to: expected.text.utf16Count))
        }
        // Ben sees seq 2, then leaves; the session goes on past several snapshots.
        let (ben, welcome) = try await first.join("Ben")
        #expect(welcome.seq == 2)
        let epoch = try #require(welcome.object["epoch"] as? String)
        ben.disconnect()
        for i in 2..<11 {
            try await Self.edit(asha, &expected, author: ashaID, opId: "a\(i)", rev: expected.revision,
                                op: Self.append("a\(i)", to: expected.text.utf16Count))
        }
        first.daemon.signal(signal)
        _ = try await first.daemon.waitForExit()
        asha.disconnect()
        let store = try await Store.open(StoreConfiguration(dataDirectory: first.dataDirectory.path))
        let snapshotSeq = try await store.load(first.fixture.session)?.snapshot?.seq ?? 0
        await store.close()
        #expect(snapshotSeq > 3)

        let second = try await LiveDaemon.restart(on: first.dataDirectory, fixture: first.fixture, environment: environment)
        defer { second.daemon.terminate() }
        let (reply, replayed) = try await Self.resume("Ben", after: 2, epoch: epoch, port: second.port, fixture: second.fixture)
        #expect(reply.type == "resumed", "\(reply)")
        #expect(reply.seq == 11)
        #expect(replayed == Array(3...11))
    }

    @Test func snapshotsSurviveKillMinusNineAndTheRestartedDaemonServesOldRevisions() async throws {
        let environment = ["REVIEWROOM_SNAPSHOT_EVERY_EVENTS": "3"]
        let first = try await LiveDaemon.start(environment: environment)
        let ashaID = try #require(first.fixture.participantIDs["Asha"]), benID = try #require(first.fixture.participantIDs["Ben"])
        let (asha, _) = try await first.join("Asha")
        var expected = NoteBuffer(id: "evidence", title: "Evidence")
        for i in 0..<10 {
            try await Self.edit(asha, &expected, author: ashaID, opId: "a\(i)", rev: expected.revision,
                                op: Self.append("a\(i)", to: expected.text.utf16Count))
        }
        // A snapshot is handed to the store's writer when its seq becomes durable, before the
        // next command's append (one FIFO): this last ack means the earlier ones are stored.
        try await Self.edit(asha, &expected, author: ashaID, opId: "last", rev: expected.revision,
                            op: Self.append(".", to: expected.text.utf16Count))
        first.daemon.signal(SIGKILL)
        _ = try await first.daemon.waitForExit()
        asha.disconnect()

        let store = try await Store.open(StoreConfiguration(dataDirectory: first.dataDirectory.path))
        let snapshot = try await store.load(first.fixture.session)?.snapshot
        #expect((snapshot?.seq ?? 0) >= 3)
        await store.close()

        let second = try await LiveDaemon.restart(on: first.dataDirectory, fixture: first.fixture, environment: environment)
        defer { second.daemon.terminate() }
        let (ben, welcome) = try await second.join("Ben")
        defer { ben.disconnect() }
        let notes = (welcome.object["session"] as? [String: Any])?["notes"] as? [[String: Any]]
        #expect(notes?.first { $0["id"] as? String == "evidence" }?["text"] as? String == expected.text.string)
        try await Self.edit(ben, &expected, author: benID, opId: "b1", rev: 1, op: ("[\"B\", 2]", ["B", 2]))
        #expect(try await Self.noteText(ben).text == expected.text.string)
    }
}
