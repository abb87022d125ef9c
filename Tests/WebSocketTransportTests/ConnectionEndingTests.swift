import ReviewRoomTesting
import Testing
import WebSocketTransport

/// How a connection ended, as its owner reads it once its stream has finished
/// (``WebSocketConnection/ending``): the peer's close code, the server's own, or no close at all.
@Suite("A closed connection says how it ended")
struct ConnectionEndingTests {
    /// Connects a raw client, lets `act` end the connection, and returns how the server saw it end.
    private func ending(_ act: @escaping @Sendable (RawWebSocketClient, WebSocketConnection) throws -> Void) async throws -> ConnectionEnding? {
        let harness = try TransportHarness(echo: false)
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        defer { client.disconnect() }
        let connection = try await harness.nextConnection()
        #expect(connection.ending == nil, "open connections have no ending")
        try await RawBlocking.run { try act(client, connection) }
        for await _ in connection.messages {}
        let ending = connection.ending
        await harness.stop()
        return ending
    }

    @Test func aClientsCloseFrameGivesItsCode() async throws {
        let ended = try await ending { client, _ in
            try client.sendClose(code: 1001)
            _ = try client.readUntilClose()
        }
        #expect(ended == .closedByClient(code: 1001))
        #expect(ended?.description == "client-close-1001")
    }

    @Test func aCloseFrameWithoutACodeIsTheClientsWithNone() async throws {
        let ended = try await ending { client, _ in
            try client.send(RawWebSocketFrame(opcode: .close, payload: []))
            _ = try client.readUntilClose()
        }
        #expect(ended == .closedByClient(code: nil))
    }

    @Test func aMalformedCloseIsAnsweredAndCountsAsTheServers() async throws {
        let ended = try await ending { client, _ in
            try client.send(RawWebSocketFrame(opcode: .close, payload: [0x03]))
            _ = try client.readUntilClose()
        }
        #expect(ended == .closedByServer(code: 1002))
    }

    @Test func theOwnersCloseIsTheServersWithItsCodeEvenWhenThePeerEchoesIt() async throws {
        let ended = try await ending { client, connection in
            connection.close(code: 4003, reason: "reissued")
            let (close, _) = try client.readUntilClose()
            try client.answerClose(close)
        }
        #expect(ended == .closedByServer(code: 4003))
        #expect(ended?.description == "daemon-close-4003")
    }

    /// The tests' echo of a close (``RawWebSocketClient/answerClose(_:)``) after the server stopped
    /// waiting for it: on a loaded machine lws' 5 s wait for the answer can pass first, and a send
    /// into the closed connection failed the test (errno 32) although the server's close was right.
    @Test func answeringACloseTheServerNoLongerWaitsForIsNoFailure() async throws {
        let peer = try BareClosePeer(resetting: true)
        let port = peer.port
        try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            defer { client.disconnect() }
            let (close, _) = try client.readUntilClose()
            #expect(close.payload.isEmpty)
            // The reset after it: the connection has ended, as the next read says.
            #expect { try client.readFrame() } throws: { ($0 as? TestClientError)?.code == .closed }
            // Anything else sent now is refused as `closed`; the answer to the close is not an error.
            #expect { try client.sendText("late") } throws: { ($0 as? TestClientError)?.code == .closed }
            try client.answerClose(close)
        }
    }

    @Test func aConnectionCutWithoutACloseFrameWasDropped() async throws {
        let ended = try await ending { client, _ in client.disconnect() }
        #expect(ended == .dropped)
        #expect(ended?.description == "no-close-frame")
    }
}
