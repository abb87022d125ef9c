import LockedValue
import ReviewRoomTesting
import Testing

@testable import WebSocketTransport

/// The transport reports how long frames waited for the service thread and how long messages
/// took from being read to being handled (the daemon's `reviewroom_send_wait_seconds` and
/// `reviewroom_receive_handling_seconds`).
@Suite struct TransportWaitObserverTests {
    /// Records what the observer is told.
    final class Recorded: Sendable {
        let sendWaits = Locked<[UInt64]>([])
        let handled = Locked<[UInt64]>([])
        var observer: TransportWaitObserver {
            TransportWaitObserver(sendWaited: { value in self.sendWaits.withLock { $0.append(value) } },
                                  receiveHandled: { value in self.handled.withLock { $0.append(value) } })
        }
    }

    /// A receiver that notes, on the monotonic clock, when each call began and ended.
    final class TimingReceiver: WebSocketReceiver {
        let spans = Locked<[(begin: UInt64, end: UInt64)]>([])
        let done: AsyncStream<Void>
        private let continuation: AsyncStream<Void>.Continuation
        init() { (done, continuation) = AsyncStream.makeStream() }
        func receive(_ message: InboundMessage) async {
            let begin = MonotonicClock.nanoseconds()
            await Task.yield()
            spans.withLock { $0.append((begin, MonotonicClock.nanoseconds())) }
            continuation.yield()
        }
        func closed() async { continuation.finish() }
    }

    @Test("each delivered message is reported once, after its handler returned, with the time since its push")
    func deliveredMessagesAreTimedFromPushToHandled() async throws {
        let recorded = Recorded()
        let queue = InboundQueue(highWater: 8, handled: recorded.observer.receiveHandled) {}
        queue.authenticate()
        let pushedFrom = MonotonicClock.nanoseconds()
        for text in ["a", "b", "c"] { #expect(queue.push(.text(Array(text.utf8))) == .keepReading) }
        let receiver = TimingReceiver()
        queue.attach(receiver)
        queue.finish()
        for await _ in receiver.done {}
        let handledBy = MonotonicClock.nanoseconds()
        let reported = recorded.handled.withLock { $0 }
        let spans = receiver.spans.withLock { $0 }
        try #require(reported.count == 3 && spans.count == 3)
        for (value, span) in zip(reported, spans) {
            // No shorter than the handler itself, no longer than the whole test's window.
            #expect(value >= span.end - span.begin)
            #expect(value <= handledBy - pushedFrom)
        }
    }

    @Test("messages pulled from the stream, and a queue without an observer, report nothing")
    func pulledMessagesAreNotTimed() async {
        let recorded = Recorded()
        let queue = InboundQueue(highWater: 8, handled: recorded.observer.receiveHandled) {}
        queue.authenticate()
        _ = queue.push(.text(Array("pulled".utf8)))
        guard case .text(let bytes) = await queue.next() else {
            Issue.record("no message")
            return
        }
        #expect(bytes == Array("pulled".utf8))
        #expect(recorded.handled.withLock { $0.isEmpty })
        // Without an observer the queue reads no clock and keeps no stamps; delivery still works.
        let plain = InboundQueue(highWater: 8) {}
        plain.authenticate()
        _ = plain.push(.text(Array("x".utf8)))
        let receiver = TimingReceiver()
        plain.attach(receiver)
        plain.finish()
        for await _ in receiver.done {}
        #expect(receiver.spans.withLock { $0.count } == 1)
    }

    @Test("a frame sent on a real connection is reported once with how long it waited for the service thread")
    func sendsAreTimedUntilWritten() async throws {
        let recorded = Recorded()
        let observer = recorded.observer
        let harness = try TransportHarness(echo: false) { $0.waitObserver = observer }
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port) }
        defer { client.disconnect() }
        let connection = try await harness.nextConnection()
        let sentFrom = MonotonicClock.nanoseconds()
        #expect(connection.send(OutboundFrame("timed")))
        let text = try await RawBlocking.run { try client.readText(timeout: 30) }
        let readBy = MonotonicClock.nanoseconds()
        #expect(text == "timed")
        let waits = recorded.sendWaits.withLock { $0 }
        #expect(waits.count == 1)
        #expect((waits.first ?? .max) <= readBy - sentFrom)
        await harness.stop()
    }
}
