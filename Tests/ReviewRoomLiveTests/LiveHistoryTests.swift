import Foundation
import ReviewRoomCore
import ReviewRoomProtocol
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// A session that stays loaded keeps only each note's latest revisions in memory once a
/// snapshot is stored (`historyKeptRevisions`); an edit on an older revision and a repeated
/// old opId still behave exactly as with the whole history (PROTOCOL §3.3), reading the older
/// ops back from the store.
@Suite("Live sessions: a long session's note history in memory")
struct LiveHistoryTests {
    @Test func olderRevisionsLeaveMemoryAfterASnapshotAndStillTransformAndDeduplicate() async throws {
        var limits = SnapshotTests.limits(snapshotEvery: 4)
        limits.historyKeptRevisions = 2
        let server = try await InProcessServer.start(limits: limits)
        let ashaID = try #require(server.fixture.participantIDs["Asha"]), benID = try #require(server.fixture.participantIDs["Ben"])
        let (asha, _) = try await server.join("Asha")
        let (ben, _) = try await server.join("Ben")
        var expected = NoteBuffer(id: "evidence", title: "Evidence")
        for i in 0..<12 {
            let (client, id) = i % 2 == 0 ? (asha, ashaID) : (ben, benID)
            try await SnapshotTests.edit(client, &expected, author: id, opId: "o\(i)", rev: expected.revision,
                                         op: SnapshotTests.append("w\(i) ", to: expected.text.utf16Count))
        }
        let actor = try #require(await server.registry.loaded(server.fixture.session))
        await actor.finishSnapshot()
        let (oldest, kept) = await actor.historyInMemory(of: "evidence")
        // At least the snapshot at seq 4 is stored (later ones may still be on their way): every
        // revision up to two before it has left memory, revisions 1 and 2 among them.
        #expect(oldest >= 4 - 2, "revisions up to two before a stored snapshot's are left out: \(oldest)")
        #expect(kept == 12 - oldest)

        // An edit made on revision 1 is transformed over everything since, as before.
        try await SnapshotTests.edit(asha, &expected, author: ashaID, opId: "late", rev: 1, op: ("[\"¡\", 3]", ["¡", 3]))
        #expect(try await SnapshotTests.noteText(ben).text == expected.text.string)
        // An opId first used at revision 2 is acked with that revision, not applied again.
        let repeated = try await ben.request("note.edit", ["note": "evidence", "rev": expected.revision, "opId": "o1",
                                                           "op": [expected.text.utf16Count, "x"]])
        #expect(repeated.object["rev"] as? Int == 2, "\(repeated)")
        #expect(try await SnapshotTests.noteText(asha).rev == expected.revision)
        asha.disconnect()
        ben.disconnect()
        await server.stop()
    }
}
