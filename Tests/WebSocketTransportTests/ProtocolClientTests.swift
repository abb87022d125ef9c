import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

/// The tests' ``ProtocolClient`` over the shared libwebsockets client, against the lws server.
@Suite struct ProtocolClientTests {
    @Test func aRefusedConnectionThrowsConnectFailed() async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let error = await #expect(throws: TestClientError.self) { try await ProtocolClient.connect(port: port) }
        withExtendedLifetime(refusing) {}
        #expect(error?.code == .connectFailed)
        #expect(error?.message.contains("ws://127.0.0.1:\(port)/ws") == true)
    }

    @Test func messagesOfSeveralMebibytesArriveWholeAndInOrder() async throws {
        let harness = try TransportHarness {
            $0.maxMessageBytes = 8 << 20
            $0.outboxLimitBytes = 16 << 20
        }
        let client = try await ProtocolClient.connect(port: harness.port)
        defer { client.disconnect() }
        let big = #"{"type":"big","text":""# + String(repeating: "x", count: 5 << 20) + #""}"#
        // The echo server lifts its small pre-hello limit once the first message has arrived.
        try await client.sendText(#"{"type":"first"}"#)
        _ = try await client.message("first")
        try await client.sendTexts([big, #"{"type":"after","id":3}"#])
        _ = try await client.message("after")
        let received = client.messages.entries
        #expect(received.map(\.type) == ["first", "big", "after"])
        #expect(received.map(\.text.utf8.count) == [16, big.utf8.count, 23])
        #expect(received.last?.id == 3)
        await harness.stop()
    }

    @Test func theServersCloseIsLoggedAndLaterSendsThrowClosed() async throws {
        let harness = try TransportHarness(echo: false)
        let client = try await ProtocolClient.connect(port: harness.port)
        let connection = try await harness.nextConnection()
        connection.close(code: 4003, reason: "revoked")
        #expect(try await client.closed().closeCode == 4003)
        let error = await #expect(throws: TestClientError.self) { try await client.sendText(#"{"type":"ping"}"#) }
        #expect(error?.code == .closed)
        #expect(client.messages.entries.map(\.description) == ["close 4003"], "nothing was logged after the close")
        await harness.stop()
    }

    @Test func disconnectDropsTheConnectionAndLogs1006() async throws {
        let harness = try TransportHarness(echo: false)
        let client = try await ProtocolClient.connect(port: harness.port)
        let connection = try await harness.nextConnection()
        client.disconnect()
        #expect(try await client.closed().closeCode == 1006)
        // The server sees the connection end: its message stream finishes.
        var messages = connection.messages.makeAsyncIterator()
        #expect(await messages.next() == nil)
        client.disconnect()
        #expect(client.messages.entries.map(\.description) == ["close 1006"], "a second disconnect logs nothing more")
        await harness.stop()
    }
}
