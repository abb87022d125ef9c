import Foundation
import ReviewRoomTesting
import Testing

@Suite("Live sessions: a slow reader")
struct SlowReaderTests {
    @Test func aReaderThatFallsBehindIsClosed4029AndResumesWithoutLosingAnything() async throws {
        let live = try await LiveDaemon.start(environment: [
            // check-config wants room for a welcome with one full note: 3 × 60000 + 65536 ≤ 262144.
            "REVIEWROOM_OUTBOX_LIMIT_BYTES": "262144", "REVIEWROOM_MAX_NOTE_UNITS": "60000"])
        defer { live.daemon.terminate() }
        let port = live.port, token = live.fixture.tokens["Ben"] ?? ""
        // Ben joins with a tiny receive buffer and then stops reading.
        let (stalled, epoch, welcomeSeq) = try await RawBlocking.run { () throws -> (RawWebSocketClient, String, Int64) in
            let socket = try RawWebSocketClient.connect(port: port, receiveBufferBytes: 2048, timeout: 30)
            try socket.sendText(#"{"type":"hello","token":"\#(token)"}"#)
            let welcome = try JSONSerialization.jsonObject(with: Data(socket.readText(timeout: 30).utf8)) as? [String: Any] ?? [:]
            return (socket, welcome["epoch"] as? String ?? "", (welcome["seq"] as? NSNumber)?.int64Value ?? -1)
        }
        defer { stalled.disconnect() }
        #expect(welcomeSeq == 0)
        let (asha, _) = try await live.join("Asha")
        defer { asha.disconnect() }
        // 200 edits of 20 KB that each replace the whole text: 4 MB of events, a small note.
        let chunk = String(repeating: "a", count: 20_000)
        var rev = 0
        for n in 0..<200 {
            let op: [Any] = rev == 0 ? [chunk] : [-20_000, chunk]
            let ack = try await asha.request("note.edit", ["note": "evidence", "rev": rev, "opId": "big\(n)", "op": op])
            rev = ack.object["rev"] as? Int ?? rev
        }
        #expect(rev == 200)
        // The stalled connection was closed: 4029 if a close frame could still be sent, else dropped.
        let ending = try await RawBlocking.run { stalled.overflowEnding(timeout: 30) }
        #expect(RawWebSocketClient.isOverflowEnding(ending), "\(ending)")
        // Nothing is lost: coming back gets every edit (this backlog is too big to replay into
        // a 256 KiB outbox, so it is a fresh welcome).
        let back = try await ProtocolClient.connect(port: port)
        defer { back.disconnect() }
        let reply = try await back.hello(token: token, resume: (epoch, welcomeSeq))
        #expect(reply.type == "welcome")
        #expect(reply.seq == 200)
        let notes = (reply.object["session"] as? [String: Any])?["notes"] as? [[String: Any]]
        #expect(notes?.first?["rev"] as? Int == 200)
        #expect((notes?.first?["text"] as? String)?.utf16.count == 20_000)
    }
}
