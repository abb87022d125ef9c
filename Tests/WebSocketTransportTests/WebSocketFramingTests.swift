import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

@Suite struct WebSocketFramingTests {
    /// Connects, sends `hello` (echoed, which authenticates), runs `body`, returns the close frame.
    private func closeAfter(_ harness: TransportHarness, hello: Bool = true,
                            _ body: @escaping @Sendable (RawWebSocketClient) throws -> Void) async throws -> RawWebSocketFrame {
        let port = harness.port
        return try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            if hello {
                try client.sendText("hello")
                _ = try client.readText()
            }
            try body(client)
            return try client.readUntilClose().close
        }
    }

    @Test func binaryFrameCloses1003() async throws {
        let harness = try TransportHarness()
        let close = try await closeAfter(harness) { try $0.sendBinary([1, 2, 3]) }
        #expect(close.closeCode == 1003)
        await harness.stop()
    }

    @Test func oversizedMessageCloses1009() async throws {
        let harness = try TransportHarness { $0.maxMessageBytes = 10_000 }
        let close = try await closeAfter(harness) { try $0.sendText(String(repeating: "x", count: 10_001)) }
        #expect(close.closeCode == 1009)
        await harness.stop()
    }

    @Test func messageAtTheLimitIsDelivered() async throws {
        let harness = try TransportHarness { $0.maxMessageBytes = 10_000 }
        let port = harness.port
        let echoed = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendText("hello")
            _ = try client.readText()
            try client.sendText(String(repeating: "y", count: 10_000))
            return try client.readText()
        }
        #expect(echoed.count == 10_000)
        await harness.stop()
    }

    @Test func oversizedFirstMessageCloses1009() async throws {
        let harness = try TransportHarness()
        let close = try await closeAfter(harness, hello: false) { try $0.sendText(String(repeating: "h", count: 4097)) }
        #expect(close.closeCode == 1009)
        await harness.stop()
    }

    @Test func invalidUTF8Closes1007() async throws {
        let harness = try TransportHarness()
        let close = try await closeAfter(harness) { try $0.sendText(bytes: [0x7b, 0xff, 0xfe, 0x7d]) }
        #expect(close.closeCode == 1007)
        await harness.stop()
    }

    @Test func noHelloInTimeCloses4000() async throws {
        let harness = try TransportHarness { $0.helloTimeoutSeconds = 0.2 }
        let close = try await closeAfter(harness, hello: false) { _ in }
        #expect(close.closeCode == 4000)
        #expect(close.closeReason == "no hello")
        await harness.stop()
    }

    @Test func fragmentedMessageIsReassembled() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let text = (0..<500).map { "part\($0)" }.joined(separator: ",")
        let echoed = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendFragmented("hello", pieces: 3)
            let hello = try client.readText()
            try client.sendFragmented(text, pieces: 7)
            return [hello, try client.readText()]
        }
        #expect(echoed == ["hello", text])
        await harness.stop()
    }

    @Test func messagesAfterHelloWaitForAuthenticationThenArriveInOrder() async throws {
        let harness = try TransportHarness(echo: false)
        let client = try await harness.rawClient(sending: 20)
        let connection = try await harness.nextConnection()
        var iterator = connection.messages.makeAsyncIterator()
        var received: [String] = []
        if case .text(let bytes)? = await iterator.next() { received.append(String(decoding: bytes, as: UTF8.self)) }
        connection.authenticated()
        while received.count < 20, case .text(let bytes)? = await iterator.next() {
            received.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(received == (0..<20).map { "m\($0)" })
        client.disconnect()
        #expect(await iterator.next() == nil)
        await harness.stop()
    }

    @Test func closeSendsQueuedFramesThenTheCloseCode() async throws {
        let harness = try TransportHarness(echo: false)
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        let connection = try await harness.nextConnection()
        for i in 0..<5 { #expect(connection.send(OutboundFrame("f\(i)"))) }
        connection.close(code: 4001, reason: "bad token")
        #expect(!connection.send(OutboundFrame("late")))
        let (texts, close) = try await RawBlocking.run {
            let texts = try (0..<5).map { _ in try client.readText() }
            return (texts, try client.readUntilClose().close)
        }
        #expect(texts == (0..<5).map { "f\($0)" })
        #expect(close.closeCode == 4001)
        #expect(close.closeReason == "bad token")
        await harness.stop()
    }

    @Test func aLaggingConsumerPausesReadingAndLosesNothing() async throws {
        let harness = try TransportHarness(echo: false) { $0.inboundHighWaterMessages = 2 }
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        let connection = try await harness.nextConnection()
        connection.authenticated()
        let sent = (0..<300).map { "msg-\($0)-" + String(repeating: "x", count: 200) }
        try await RawBlocking.run { for text in sent { try client.sendText(text) } }
        var received: [String] = []
        for await message in connection.messages {
            if case .text(let bytes) = message { received.append(String(decoding: bytes, as: UTF8.self)) }
            if received.count == sent.count { break }
        }
        #expect(received == sent)
        client.disconnect()
        await harness.stop()
    }
}
