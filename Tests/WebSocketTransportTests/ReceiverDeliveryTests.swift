import ReviewRoomTesting
import Testing
@testable import WebSocketTransport

/// Connections whose messages are delivered to a ``WebSocketReceiver`` (no task waits on them).
@Suite struct ReceiverDeliveryTests {
    @Test func messagesArriveInOrderOneAtATimeThenClosedOnce() async throws {
        let harness = try TransportHarness(echo: false)
        let client = try await harness.rawClient(sending: 20)
        let connection = try await harness.nextConnection()
        let receiver = RecordingReceiver(authenticating: connection)
        connection.deliver(to: receiver)
        var events: [RecordingReceiver.Event] = []
        var iterator = receiver.events.makeAsyncIterator()
        while events.count < 20, let event = await iterator.next() { events.append(event) }
        client.disconnect()
        while let event = await iterator.next() { events.append(event) }
        #expect(events == (0..<20).map { .text("m\($0)") } + [.closed])
        #expect(!receiver.overlapped)
        await harness.stop()
    }

    @Test func aLaggingReceiverPausesReadingAndLosesNothing() async throws {
        let harness = try TransportHarness(echo: false) { $0.inboundHighWaterMessages = 2 }
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        let connection = try await harness.nextConnection()
        connection.authenticated()
        let receiver = RecordingReceiver()
        connection.deliver(to: receiver)
        let sent = (0..<300).map { "msg-\($0)-" + String(repeating: "x", count: 200) }
        try await RawBlocking.run { for text in sent { try client.sendText(text) } }
        var received: [String] = []
        for await event in receiver.events {
            if case .text(let text) = event { received.append(text) }
            if received.count == sent.count { break }
        }
        #expect(received == sent)
        #expect(!receiver.overlapped)
        client.disconnect()
        await harness.stop()
    }

    @Test func aConnectionDeliveringToAReceiverHasAnEmptyStream() async throws {
        let harness = try TransportHarness(echo: false)
        let port = harness.port
        let client = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendText("first")
            return client
        }
        let connection = try await harness.nextConnection()
        // Authenticated, so that reading goes on and the disconnect is seen at once.
        let receiver = RecordingReceiver(authenticating: connection)
        connection.deliver(to: receiver)
        var stream = connection.messages.makeAsyncIterator()
        #expect(await stream.next() == nil)
        var events = receiver.events.makeAsyncIterator()
        #expect(await events.next() == .text("first"))
        client.disconnect()
        #expect(await events.next() == .closed)
        await harness.stop()
    }
}

@Suite struct InboundQueueDeliveryTests {
    @Test func bufferedMessagesGoToALateReceiverAndTheCloseComesLast() async {
        let queue = InboundQueue(highWater: 8) {}
        queue.authenticate()
        #expect(queue.push(.text(Array("a".utf8))) == .keepReading)
        #expect(queue.push(.text(Array("b".utf8))) == .keepReading)
        let receiver = RecordingReceiver()
        queue.attach(receiver)
        // A second receiver is ignored: the first keeps every message.
        let ignored = RecordingReceiver()
        queue.attach(ignored)
        #expect(queue.push(.text(Array("c".utf8))) == .keepReading)
        queue.finish()
        #expect(queue.push(.text(Array("d".utf8))) == .dropped)
        var events: [RecordingReceiver.Event] = []
        for await event in receiver.events { events.append(event) }
        #expect(events == [.text("a"), .text("b"), .text("c"), .closed])
        #expect(await queue.next() == nil)
    }

    @Test func aFinishedQueueWithNothingBufferedStillReportsTheClose() async {
        let queue = InboundQueue(highWater: 8) {}
        queue.finish()
        let receiver = RecordingReceiver()
        queue.attach(receiver)
        var events: [RecordingReceiver.Event] = []
        for await event in receiver.events { events.append(event) }
        #expect(events == [.closed])
    }
}
