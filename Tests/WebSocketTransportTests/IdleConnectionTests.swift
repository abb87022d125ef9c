import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// A peer whose network vanished without closing anything is found by WebSocket pings: the
/// server pings a connection silent for `idlePingSeconds` and drops it once silent for
/// `idleHangupSeconds` (its own sweep; lws 4.1.6's validity timers are off).
@Suite("Idle connections are pinged and dropped when they stop answering")
struct IdleConnectionTests {
    static func shortPolicy(_ configuration: inout TransportConfiguration) {
        configuration.idlePingSeconds = 1
        configuration.idleHangupSeconds = 2
    }

    /// Pings every second but waits 7 s for the pong: with `shortPolicy`'s 1 s a pong that the
    /// loaded 2-core machine delays (the whole suite runs at once) dropped an answering peer, and
    /// with 4 s it still did once with builds and browsers running beside the suite. (The drops
    /// reproduced since were the server's own doing: reading was paused until the echo task accepted
    /// the first message, so the pongs went unread; see
    /// `aConnectionWhoseReadingIsPausedIsNotDroppedAsSilent`.)
    static func patientPolicy(_ configuration: inout TransportConfiguration) {
        configuration.idlePingSeconds = 1
        configuration.idleHangupSeconds = 8
    }

    @Test func aPeerThatAnswersPingsStaysConnected() async throws {
        let harness = try TransportHarness(configure: Self.patientPolicy)
        let port = harness.port
        let (pings, echoed) = try await RawBlocking.run { () -> (Int, String) in
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            var pings = 0
            // Nine pings, a second apart: the connection outlives its hang-up time.
            while pings < 9 {
                let frame = try client.readFrame(timeout: 30)
                guard frame.opcode == .ping else { continue }
                pings += 1
                try client.send(RawWebSocketFrame(opcode: .pong, payload: frame.payload))
            }
            try client.sendText("still here")
            return (pings, try client.readText(timeout: 30))
        }
        #expect(pings == 9)
        #expect(echoed == "still here")
        await harness.stop()
    }

    /// Until its owner accepts the first message (`authenticated()`: the app slow to take the
    /// `hello` while CPU-bound work holds the cooperative pool) the server reads nothing more
    /// from a connection, pongs included: its silence is the server's, not the peer's. It failed
    /// as `aPeerThatAnswersPingsStaysConnected` under load: the echo task that authenticates ran
    /// late, the unread pongs counted as silence, the drop reset the connection.
    @Test func aConnectionWhoseReadingIsPausedIsNotDroppedAsSilent() async throws {
        let harness = try TransportHarness(echo: false, configure: Self.shortPolicy)
        let port = harness.port
        let paused = try await RawBlocking.run { () -> RawWebSocketClient in
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendText("hello")
            return client
        }
        defer { paused.disconnect() }
        let pausedConnection = try await harness.nextConnection()
        // Taken but not accepted: the server has read it and reads nothing more for now.
        var pausedMessages = pausedConnection.messages.makeAsyncIterator()
        guard case .text(let hello) = try #require(await pausedMessages.next()) else { return }
        #expect(hello == Array("hello".utf8))
        // The clock: a connection opened after that, which never answers, is dropped once silent
        // for the hang-up time; the paused one has been silent longer by then.
        let silent = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        defer { silent.disconnect() }
        let silentConnection = try await harness.nextConnection()
        for await _ in silentConnection.messages {}
        #expect(pausedConnection.send(OutboundFrame("still open")))
        let (frames, text) = try await RawBlocking.run { () -> ([RawWebSocketFrame.Opcode], String) in
            var frames: [RawWebSocketFrame.Opcode] = []
            while true {
                let frame = try paused.readFrame(timeout: 30)
                frames.append(frame.opcode)
                switch frame.opcode {
                case .ping: try paused.send(RawWebSocketFrame(opcode: .pong, payload: frame.payload))
                case .text: return (frames, String(decoding: frame.payload, as: UTF8.self))
                default: return (frames, "")
                }
            }
        }
        #expect(text == "still open", "frames before: \(frames)")
        // Accepted: reading resumes and the pongs waiting since count from now.
        pausedConnection.authenticated()
        try await RawBlocking.run { try paused.sendText("after") }
        guard case .text(let after) = try #require(await pausedMessages.next()) else { return }
        #expect(after == Array("after".utf8))
        await harness.stop()
    }

    @Test func aPeerThatStopsAnsweringIsDroppedAndItsStreamEnds() async throws {
        let harness = try TransportHarness(echo: false, configure: Self.shortPolicy)
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        defer { client.disconnect() }
        let connection = try await harness.nextConnection()
        // Reads without ever answering, until the server ends the connection.
        let (seen, end) = try await RawBlocking.run { () -> ([RawWebSocketFrame.Opcode], TestClientError.Code?) in
            var seen: [RawWebSocketFrame.Opcode] = []
            while true {
                do {
                    let frame = try client.readFrame(timeout: 30)
                    seen.append(frame.opcode)
                    if frame.opcode == .close { return (seen, nil) }
                } catch let error as TestClientError {
                    return (seen, error.code)
                }
            }
        }
        #expect(seen.first == .ping)
        #expect(end == .closed || seen.last == .close, "the server never ended the connection: \(String(describing: end))")
        // The server side sees the connection end too (its message stream finishes).
        var messages = 0
        for await _ in connection.messages { messages += 1 }
        #expect(messages == 0)
        #expect(connection.ending == .unanswered)
        await harness.stop()
    }
}
