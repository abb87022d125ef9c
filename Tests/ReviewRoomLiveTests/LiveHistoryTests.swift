import Foundation
import ReviewRoomCore
import ReviewRoomProtocol
@testable import ReviewRoomServer
@testable import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A session that stays loaded keeps only each note's latest revisions in memory once a
/// snapshot is stored (`historyKeptRevisions`); an edit on an older revision and a repeated
/// old opId still behave exactly as with the whole history (PROTOCOL §3.3), reading the older
/// ops back from the store.
@Suite("Live sessions: a long session's note history in memory")
struct LiveHistoryTests {
    /// A live session keeping two revisions before each snapshot, one every four events, after
    /// Asha and Ben typed "w0 " … "w11 " in turn (opIds "o0" … "o11"), with a snapshot stored.
    private struct TypedPastASnapshot {
        let server: InProcessServer
        let asha: ProtocolClient, ben: ProtocolClient
        let ashaID: String
        let actor: SessionActor
        var expected: NoteBuffer

        init(_ configure: (inout LiveLimits) -> Void = { _ in }) async throws {
            var limits = SnapshotTests.limits(snapshotEvery: 4)
            limits.historyKeptRevisions = 2
            configure(&limits)
            server = try await InProcessServer.start(limits: limits)
            ashaID = try #require(server.fixture.participantIDs["Asha"])
            let benID = try #require(server.fixture.participantIDs["Ben"])
            (asha, _) = try await server.join("Asha")
            (ben, _) = try await server.join("Ben")
            expected = NoteBuffer(id: "evidence", title: "Evidence")
            for i in 0..<12 {
                let (client, id) = i % 2 == 0 ? (asha, ashaID) : (ben, benID)
                try await SnapshotTests.edit(client, &expected, author: id, opId: "o\(i)", rev: expected.revision,
                                             op: SnapshotTests.append("w\(i) ", to: expected.text.utf16Count))
            }
            actor = try #require(await server.registry.loaded(server.fixture.session))
            await actor.finishSnapshot()
        }

        func stop() async {
            asha.disconnect()
            ben.disconnect()
            await server.stop()
        }
    }

    @Test func olderRevisionsLeaveMemoryAfterASnapshotAndStillTransformAndDeduplicate() async throws {
        var typed = try await TypedPastASnapshot()
        let (asha, ben, ashaID, actor) = (typed.asha, typed.ben, typed.ashaID, typed.actor)
        let (oldest, kept) = await actor.historyInMemory(of: "evidence")
        // At least the snapshot at seq 4 is stored (later ones may still be on their way): every
        // revision up to two before it has left memory, revisions 1 and 2 among them.
        #expect(oldest >= 4 - 2, "revisions up to two before a stored snapshot's are left out: \(oldest)")
        #expect(kept == 12 - oldest)

        // An opId first used at revision 2 is acked with that revision, not applied again: looked
        // up in the store, with no history read back.
        let repeated = try await ben.request("note.edit", ["note": "evidence", "rev": typed.expected.revision, "opId": "o1",
                                                           "op": [typed.expected.text.utf16Count, "x"]])
        #expect(repeated.object["rev"] as? Int == 2, "\(repeated)")
        #expect(await actor.historyInMemory(of: "evidence").oldest == oldest)
        #expect(try await SnapshotTests.noteText(asha).rev == typed.expected.revision)

        // An edit made on revision 1 is transformed over everything since, as before: the ops
        // after revision 1 are read back, and only those.
        try await SnapshotTests.edit(asha, &typed.expected, author: ashaID, opId: "late", rev: 1, op: ("[\"¡\", 3]", ["¡", 3]))
        #expect(try await SnapshotTests.noteText(ben).text == typed.expected.text.string)
        #expect(await actor.historyInMemory(of: "evidence").oldest == 1)
        await typed.stop()
    }

    /// Ops that insert much leave memory by size as well as by count: with a snapshot after
    /// every event (by bytes, not by count) and room for ten inserted units, only the last two
    /// of "w0 " … "w12 " stay; an edit on revision 1 is still transformed over everything since.
    @Test func opsLeaveMemoryByWhatTheyInsertAndSnapshotsComeByBytes() async throws {
        var typed = try await TypedPastASnapshot { limits in
            limits.snapshotEveryEvents = 1_000
            limits.snapshotEveryBytes = 1
            limits.historyKeptRevisions = 1_000
            limits.historyKeptUnits = 10
        }
        let (asha, ben, ashaID, actor) = (typed.asha, typed.ben, typed.ashaID, typed.actor)
        // No snapshot is being saved now (the fixture waited): this edit's starts one at its seq.
        try await SnapshotTests.edit(asha, &typed.expected, author: ashaID, opId: "o12", rev: typed.expected.revision,
                                     op: SnapshotTests.append("w12 ", to: typed.expected.text.utf16Count))
        await actor.finishSnapshot()
        let (oldest, kept) = await actor.historyInMemory(of: "evidence")
        #expect(oldest == 11 && kept == 2, "\"w11 \" and \"w12 \" insert 8 units, with \"w10 \" 12: oldest \(oldest), kept \(kept)")

        try await SnapshotTests.edit(asha, &typed.expected, author: ashaID, opId: "late", rev: 1, op: ("[\"¡\", 3]", ["¡", 3]))
        // (Its own snapshot then leaves the ops read back out of memory again, by size.)
        #expect(try await SnapshotTests.noteText(ben).text == typed.expected.text.string)
        await typed.stop()
    }

    /// Asha and Ben send edits made on two different older revisions at once: the note's older
    /// ops are read back one read at a time, and each edit is transformed over everything
    /// after its own revision, once.
    @Test func editsOnDifferentOlderRevisionsSentAtOnceAreEachTransformedOnce() async throws {
        var typed = try await TypedPastASnapshot()
        let benID = try #require(typed.server.fixture.participantIDs["Ben"])
        #expect(await typed.actor.historyInMemory(of: "evidence").oldest >= 2)
        // Rev 1 is "w0 ", rev 2 "w0 w1 ": one inserted before, one after, both out of memory.
        let sent = [(typed.asha, typed.ashaID, "deep", 1, ("[\"A\", 3]", ["A", 3] as [Any])),
                    (typed.ben, benID, "less-deep", 2, ("[6, \"B\"]", [6, "B"] as [Any]))]
        var ids: [Int64] = []
        for (client, _, opId, rev, op) in sent {
            ids.append(try await client.send("note.edit", ["note": "evidence", "rev": rev, "opId": opId, "op": op.1]))
        }
        var acked: [(rev: Int, index: Int)] = []
        for (index, (client, _, _, _, _)) in sent.enumerated() {
            let reply = try await client.reply(to: ids[index])
            acked.append((try #require(reply.object["rev"] as? Int, "\(reply)"), index))
        }
        for (rev, index) in acked.sorted(by: { $0.rev < $1.rev }) {
            let (_, author, opId, base, op) = sent[index]
            let result = try typed.expected.receive(TextOperation(json: op.0), baseRev: base, author: author, opId: opId,
                                                    at: SnapshotTests.t0)
            #expect(result.rev == rev)
        }
        #expect(acked.map(\.rev).sorted() == [13, 14])
        let now = try await SnapshotTests.noteText(typed.ben)
        #expect(now.text == typed.expected.text.string)
        #expect(now.text?.hasPrefix("Aw0 w1 ") == true, "\(now.text ?? "")")
        #expect(await typed.actor.historyInMemory(of: "evidence").oldest == 1, "read back down to the deeper edit's rev")
        await typed.stop()
    }

    /// With no fingerprint bits kept, every new opId matches one whose op left memory: the
    /// edit waits for its opId to be looked up in the store, is not found there, and is applied
    /// once, like any other; a real repeat is still acked with its first rev.
    @Test func anEditWhoseFingerprintAloneMatchesAnOlderOneIsAppliedOnceTheHistoryShowsItIsNew() async throws {
        var typed = try await TypedPastASnapshot { $0.operationFingerprintBits = 0 }
        let (asha, ben, ashaID, actor) = (typed.asha, typed.ben, typed.ashaID, typed.actor)
        let oldest = await actor.historyInMemory(of: "evidence").oldest
        #expect(oldest >= 2)

        try await SnapshotTests.edit(asha, &typed.expected, author: ashaID, opId: "fresh", rev: typed.expected.revision,
                                     op: SnapshotTests.append("new", to: typed.expected.text.utf16Count))
        try await SnapshotTests.edit(ben, &typed.expected, author: try #require(typed.server.fixture.participantIDs["Ben"]),
                                     opId: "fresh", rev: typed.expected.revision,
                                     op: SnapshotTests.append("too", to: typed.expected.text.utf16Count))
        #expect(await actor.historyInMemory(of: "evidence").oldest == oldest, "a lookup, not the history read back")
        let repeated = try await ben.request("note.edit", ["note": "evidence", "rev": typed.expected.revision, "opId": "o1",
                                                           "op": [typed.expected.text.utf16Count, "x"]])
        #expect(repeated.object["rev"] as? Int == 2, "\(repeated)")
        let now = try await SnapshotTests.noteText(ben)
        #expect(now.text == typed.expected.text.string)
        #expect(now.rev == typed.expected.revision)
        await typed.stop()
    }

    /// A repeat of an opId stored before the snapshot whose stored op cannot be read back (here
    /// made unreadable) is refused, never applied a second time; an edit on an older revision
    /// that needs it is refused as stale.
    @Test func aRepeatIsRefusedWhenItsStoredOpCannotBeRead() async throws {
        let (first, expected, sent) = try await SnapshotTests.typedThenStopped(10, limits: SnapshotTests.limits(snapshotEvery: 4))
        let connection = try SQLiteConnection(path: first.dataDirectory.appendingPathComponent(StoreConfiguration.databaseFileName).path)
        for table in ["events", "event_journal"] {
            try connection.execute("UPDATE \(table) SET data = '{}' WHERE name = 'note.op' AND op_id = 'a2'")
        }
        connection.close()
        let server = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture,
                                                     limits: SnapshotTests.limits(snapshotEvery: 4))
        let (asha, _) = try await server.join("Asha")
        let resend = try await asha.request("note.edit", ["note": "evidence", "rev": 2, "opId": "a2", "op": sent[2]])
        #expect(resend.object["code"] as? String == "internal", "\(resend)")
        let late = try await asha.request("note.edit", ["note": "evidence", "rev": 1, "opId": "late", "op": [2, "!"]])
        #expect(late.object["code"] as? String == "invalid_state", "\(late)")
        let now = try await SnapshotTests.noteText(asha)
        #expect(now.text == expected.text.string)
        #expect(now.rev == expected.revision)
        asha.disconnect()
        await server.stop()
    }
}
