import LockedValue

/// One accepted WebSocket connection.
///
/// Thread-safe: `send`, `close` and `authenticated` may be called from any task. Frames
/// are queued in a bounded outbox and written by the service thread in order.
public final class WebSocketConnection: Sendable {
    /// Its id.
    public let id: ConnectionID
    /// The `Origin` header of the upgrade, if any.
    public let origin: String?
    /// Inbound messages in arrival order; finishes when the connection is closed.
    ///
    /// Iterate it from exactly one task (that is what keeps the order); a second iterator
    /// waiting at the same time gets `nil`. Pulling is also what resumes paused reading.
    /// Every access makes a new stream over the same queue, so a connection whose messages go
    /// to a receiver (``deliver(to:)``) carries no stream; such a connection's stream is empty.
    public var messages: AsyncStream<InboundMessage> {
        AsyncStream(unfolding: { [inbound] in await inbound.next() })
    }

    let inbound: InboundQueue
    let outbox = Locked(OutboxState())
    private let outboxLimitBytes: Int
    private let mailbox: ServiceMailbox
    /// Whether sends are timed for ``TransportWaitObserver/sendWaited``.
    private let timesSends: Bool

    init(id: ConnectionID, origin: String?, configuration: TransportConfiguration, mailbox: ServiceMailbox) {
        self.id = id
        self.origin = origin
        self.mailbox = mailbox
        outboxLimitBytes = configuration.outboxLimitBytes
        timesSends = configuration.waitObserver != nil
        let inbound = InboundQueue(highWater: configuration.inboundHighWaterMessages,
                                   handled: configuration.waitObserver?.receiveHandled) { [mailbox] in
            mailbox.post(.resumeReading(id))
        }
        self.inbound = inbound
    }

    /// Hands every inbound message, in order, to `receiver` instead of to ``messages``, and
    /// tells it when the connection is gone (``WebSocketReceiver/closed()``).
    ///
    /// Unlike a task iterating ``messages``, nothing waits while the connection is idle: a
    /// task runs only while messages are waiting. Messages that arrived before the call are
    /// delivered too. Call it once; later calls are ignored.
    public func deliver(to receiver: any WebSocketReceiver) {
        inbound.attach(receiver)
    }

    /// Queues a frame; returns false if the connection is closed or was just closed with 4029 for overflow.
    @discardableResult
    public func send(_ frame: OutboundFrame) -> Bool {
        enum Action { case refused, queued, wake, overflow }
        let limit = outboxLimitBytes, timed = timesSends
        let action = outbox.withLock { o -> Action in
            guard o.acceptsFrames else { return .refused }
            // The limit is on the backlog behind the frame next to go: a single message larger
            // than the limit (a welcome carrying several long notes) is still delivered, and the
            // next one queued behind it is not an overflow; a reader that falls behind still is.
            let backlog = o.queuedBytes - (o.frames.first?.count ?? 0)
            if !o.frames.isEmpty && backlog + frame.count > limit {
                // Nothing is lost by dropping: events live in the store and the client resumes.
                o.frames.removeAll()
                o.queuedBytes = 0
                o.closeRequest = .init(code: 4029, reason: "too slow a reader", immediate: true)
                return .overflow
            }
            o.frames.append(frame)
            o.queuedBytes += frame.count
            guard !o.wakePending else { return .queued }
            o.wakePending = true
            if timed { o.queuedAt = MonotonicClock.nanoseconds() }
            return .wake
        }
        switch action {
        case .refused: return false
        case .queued: return true
        case .wake:
            mailbox.post(.flush(id))
            return true
        case .overflow:
            mailbox.post(.closeNow(id))
            return false
        }
    }

    /// Whether the connection was closed with 4029 because its unsent output passed
    /// `outboxLimitBytes` (too slow a reader), for its owner's log line once it is gone.
    public var closedForOutboxOverflow: Bool {
        outbox.withLock { $0.closeRequest.map { $0.code == 4029 && $0.immediate } ?? false }
    }

    /// How the connection ended, once it has (``WebSocketReceiver/closed()`` has been called or
    /// ``messages`` finished); nil while it is open.
    public var ending: ConnectionEnding? {
        outbox.withLock { $0.closed ? $0.finalEnding : nil }
    }

    /// Sends a close frame with `code` and `reason` after what is already queued, then closes.
    public func close(code: UInt16, reason: String) {
        let wake = outbox.withLock { o -> Bool in
            guard o.acceptsFrames else { return false }
            o.closeRequest = .init(code: code, reason: reason, immediate: false)
            guard !o.wakePending else { return false }
            o.wakePending = true
            return true
        }
        if wake { mailbox.post(.flush(id)) }
    }

    /// Called once the first message (`hello`) was accepted: lifts the size limit to
    /// `maxMessageBytes` and resumes reading further messages.
    public func authenticated() {
        inbound.authenticate()
    }

    /// Unsent payload bytes right now (for metrics and tests).
    public var queuedBytes: Int { outbox.withLock { $0.queuedBytes } }
}
