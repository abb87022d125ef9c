import Foundation
import ReviewRoomTesting
import Testing

@Suite("Live sessions: the friendsforever trace over two real connections")
struct NetworkTraceReplayTests {
    /// The core tests' fixture, read where it lives (this target has no copy of it).
    static func trace() throws -> EditTrace {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ReviewRoomCoreTests/Fixtures/friendsforever.json.gz")
        return try EditTrace.load(path: url.path)
    }

    @Test(.timeLimit(.minutes(10)))
    func bothClientsAndTheServerEndAtEndContent() async throws {
        let trace = try Self.trace()
        try #require((trace.startContent ?? "").isEmpty)
        // The replay sends one edit at a time as fast as the server answers: lift the rate limit.
        let live = try await LiveDaemon.start(environment: ["REVIEWROOM_MESSAGES_PER_SECOND": "1000000", "REVIEWROOM_MESSAGE_BURST": "1000000"])
        defer { live.daemon.terminate() }
        let tokens = [live.fixture.tokens["Asha"] ?? "", live.fixture.tokens["Ben"] ?? ""]
        let ids = [live.fixture.participantIDs["Asha"] ?? "", live.fixture.participantIDs["Ben"] ?? ""]
        let port = live.port
        let (serverText, clientTexts, revision) = try await RawBlocking.run { () throws -> (String, [String], Int) in
            var sockets: [RawWebSocketClient] = []
            for token in tokens {
                let socket = try RawWebSocketClient.connect(port: port, timeout: 30)
                try socket.sendText(#"{"type":"hello","token":"\#(token)"}"#)
                while try DaemonTraceServer.object(socket.readText(timeout: 30))["type"] as? String != "welcome" {}
                sockets.append(socket)
            }
            defer { for socket in sockets { socket.disconnect() } }
            var replay = try ConcurrentTraceSchedule(trace: trace, startContent: "", participants: ids,
                                                     receiver: DaemonTraceServer(sockets: sockets))
            try replay.run()
            try sockets[0].sendText(#"{"type":"note.get","id":999999999,"note":"evidence"}"#)
            var note: [String: Any] = [:]
            while true {
                let message = try DaemonTraceServer.object(sockets[0].readText(timeout: 30))
                if message["type"] as? String == "ack", let body = message["note"] as? [String: Any] { note = body; break }
            }
            return (note["text"] as? String ?? "", replay.clients.map(\.document.string), note["rev"] as? Int ?? -1)
        }
        #expect(serverText == trace.endContent)
        #expect(clientTexts == [trace.endContent, trace.endContent])
        #expect(revision == trace.txns.count)
    }
}
