import Foundation
import ReviewRoomCore
@testable import ReviewRoomServer
import ReviewRoomTesting
import Testing

/// PROTOCOL never types `opId`: whatever JSON a client sends comes back the same (a string
/// stays a string, an integer that integer), and `7` and `"7"` are two different ops, live,
/// after a reload and in a replay from the store.
@Suite("Live sessions: opIds as sent")
struct OpIdTests {
    static func edit(_ client: ProtocolClient, rev: Int, opId: Any, op: [Any]) async throws -> Int? {
        let ack = try await client.request("note.edit", ["note": "evidence", "rev": rev, "opId": opId, "op": op])
        #expect(ack.type == "ack", "\(ack)")
        return ack.object["rev"] as? Int
    }

    /// The `opId` of a `note.op` event exactly as it is written in the frame.
    static func wireOpId(_ event: ProtocolMessage) -> Substring? {
        guard let range = event.text.range(of: "\"opId\":") else { return nil }
        return event.text[range.upperBound...].prefix { $0 != "}" && $0 != "," }
    }

    @Test func anIntegerOpIdIsEchoedAsThatIntegerAndNeverTakenForTheStringOfItsDigits() async throws {
        let first = try await InProcessServer.start()
        let (asha, _) = try await first.join("Asha")
        let (ben, _) = try await first.join("Ben")
        #expect(try await Self.edit(asha, rev: 0, opId: 7, op: ["hi"]) == 1)
        let integer = try await ben.event("note.op")
        #expect(Self.wireOpId(integer) == "7", "\(integer)")
        #expect(try await Self.edit(asha, rev: 1, opId: "7", op: [2, "!"]) == 2)
        let string = try await ben.event("note.op", after: integer.seq ?? 0)
        #expect(Self.wireOpId(string) == "\"7\"", "\(string)")
        // Repeats of each are acked with their own first rev and applied nothing.
        #expect(try await Self.edit(asha, rev: 2, opId: 7, op: [3, "?"]) == 1)
        #expect(try await Self.edit(asha, rev: 2, opId: "7", op: [3, "?"]) == 2)
        #expect(try await SnapshotTests.noteText(ben).text == "hi!")
        asha.disconnect()
        ben.disconnect()
        await first.stop()

        // Reloaded from the store: the repeats still know their revs, and a replay carries
        // each opId as it was sent.
        let second = try await InProcessServer.start(data: first.dataDirectory, fixture: first.fixture)
        let (again, welcome) = try await second.join("Asha")
        let epoch = try #require(welcome.object["epoch"] as? String)
        #expect(try await Self.edit(again, rev: 2, opId: 7, op: [3, "?"]) == 1)
        #expect(try await Self.edit(again, rev: 2, opId: "7", op: [3, "?"]) == 2)
        #expect(try await Self.edit(again, rev: 2, opId: -7, op: [3, "¿"]) == 3)
        #expect(try await SnapshotTests.noteText(again).text == "hi!¿")
        let late = try await ProtocolClient.connect(port: second.port)
        let resumed = try await late.hello(token: try requireTokenValue(second.fixture.tokens["Ben"], "Ben"),
                                           resume: (epoch: epoch, after: 0))
        #expect(resumed.type == "resumed", "\(resumed)")
        let replayed = try await late.event("note.op")
        #expect(Self.wireOpId(replayed) == "7", "\(replayed)")
        let replayedString = try await late.event("note.op", after: replayed.seq ?? 0)
        #expect(Self.wireOpId(replayedString) == "\"7\"", "\(replayedString)")
        late.disconnect()
        again.disconnect()
        await second.stop()
    }

    /// A page whose ack was lost sends its edit again to learn whether it was kept; after the
    /// session's end that repeat is still acked with its first rev (it changes nothing), while
    /// an edit never sent is `session_ended`. It was `session_ended` too, and the page then said
    /// "not saved" of text the record holds (races probe).
    @Test func aRepeatAfterTheEndIsAckedWithItsFirstRevAndANewEditIsRefused() async throws {
        let server = try await InProcessServer.start()
        let (fay, _) = try await server.join("Fay")
        let (asha, _) = try await server.join("Asha")
        #expect(try await Self.edit(asha, rev: 0, opId: "x-1", op: ["saved text"]) == 1)
        #expect(try await fay.request("session.start").type == "ack")
        #expect(try await fay.request("session.end").type == "ack")
        #expect(try await Self.edit(asha, rev: 0, opId: "x-1", op: ["saved text"]) == 1)
        let fresh = try await asha.request("note.edit", ["note": "evidence", "rev": 1, "opId": "x-2", "op": [10, "!"]])
        #expect(fresh.code == "session_ended", "\(fresh)")
        #expect(try await SnapshotTests.noteText(fay).text == "saved text")
        asha.disconnect()
        fay.disconnect()
        await server.stop()
    }
}
