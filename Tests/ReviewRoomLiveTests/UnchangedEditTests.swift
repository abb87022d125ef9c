import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomStore
import ReviewRoomTesting
import Testing

/// PROTOCOL §3.5: an edit that changes nothing is acked with the current `rev`, causes no
/// event, and its `opId` is recorded with that `rev` — a repeat is acked with that same `rev`,
/// after the session unloads or the daemon restarts too (no event is invented for it: seqs
/// stay gapless).
@Suite("Live sessions: edits that changed nothing")
struct UnchangedEditTests {
    static func edit(_ client: ProtocolClient, rev: Int, opId: String, op: [Any]) async throws -> ProtocolMessage {
        let ack = try await client.request("note.edit", ["note": "evidence", "rev": rev, "opId": opId, "op": op])
        #expect(ack.type == "ack", "\(ack)")
        return ack
    }

    @Test func aRepeatOfAnEditThatChangedNothingIsAckedWithItsFirstRevAfterARestart() async throws {
        let first = try await InProcessServer.start()
        let (asha, _) = try await first.join("Asha")
        #expect(try await Self.edit(asha, rev: 0, opId: "e1", op: ["abc"]).object["rev"] as? Int == 1)
        let unchanged = try await Self.edit(asha, rev: 1, opId: "n1", op: [3])
        #expect(unchanged.object["rev"] as? Int == 1)
        #expect(unchanged.seq == 1, "no event for it")
        #expect(try await Self.edit(asha, rev: 1, opId: "e2", op: [3, "d"]).object["rev"] as? Int == 2)
        asha.disconnect()
        await first.stop()

        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture)
        let (again, _) = try await second.join("Asha")
        // n1 again, on today's rev with an op that would change something: its first rev, nothing applied.
        let repeated = try await Self.edit(again, rev: 2, opId: "n1", op: [1, "Z", 3])
        #expect(repeated.object["rev"] as? Int == 1, "\(repeated)")
        #expect(repeated.seq == 2)
        let note = try await SnapshotTests.noteText(again)
        #expect(note.text == "abcd")
        #expect(note.rev == 2)
        // The log holds only the two applied edits.
        #expect(try await second.store.events(of: second.fixture.session, after: 0).map(\.opId) == ["e1", "e2"])
        again.disconnect()
        await second.stop()
    }
}
