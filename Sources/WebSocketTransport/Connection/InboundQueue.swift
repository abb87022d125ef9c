import LockedValue

/// The consumer side of one connection's inbound messages, and the state that decides
/// when the service thread pauses and resumes reading (`lws_rx_flow_control`).
///
/// The service thread pushes; the connection's one consumer takes them, either by pulling
/// through ``WebSocketConnection/messages`` or by having them delivered to a
/// ``WebSocketReceiver`` (``attach(_:)``). Every message taken is a consumption signal,
/// which is what lets reading resume once the consumer has caught up.
final class InboundQueue: Sendable {
    private struct State {
        var buffer = FIFO<InboundMessage>()
        /// When each message in `buffer` was read (monotonic ns), in step with it; kept only
        /// while ``handled`` is set.
        var readAt = FIFO<UInt64>()
        var waiter: CheckedContinuation<InboundMessage?, Never>?
        var finished = false
        var authenticated = false
        var readingPaused = false
        /// Where messages are delivered instead of being pulled (until the close is delivered).
        var receiver: (any WebSocketReceiver)?
        /// A delivery task is running (or the close was delivered): no other may start.
        var delivering = false
    }

    /// What the service thread must do after a push.
    enum PushOutcome: Equatable {
        /// Keep reading.
        case keepReading
        /// Pause reading (first message before authentication, or the consumer lags).
        case pauseReading
        /// The queue is finished; the message was dropped.
        case dropped
    }

    private let state = Locked(State())
    private let highWater: Int
    private let requestResume: @Sendable () -> Void
    /// Told, for each message delivered to a receiver, the nanoseconds from its push to the
    /// receiver returning (``TransportWaitObserver/receiveHandled``).
    private let handled: (@Sendable (UInt64) -> Void)?

    /// `requestResume` is called (outside the lock) when reading was paused and may go on;
    /// `handled`, if given, with each delivered message's time from push to handled.
    init(highWater: Int, handled: (@Sendable (UInt64) -> Void)? = nil, requestResume: @escaping @Sendable () -> Void) {
        self.highWater = max(1, highWater)
        self.handled = handled
        self.requestResume = requestResume
    }

    /// True once ``authenticate()`` was called.
    var isAuthenticated: Bool { state.withLock { $0.authenticated } }

    /// Adds a whole message (service thread).
    func push(_ message: InboundMessage) -> PushOutcome {
        let readAt = handled == nil ? 0 : MonotonicClock.nanoseconds()
        let (waiter, deliverTo, outcome) = state.withLock { s -> (CheckedContinuation<InboundMessage?, Never>?, (any WebSocketReceiver)?, PushOutcome) in
            if s.finished { return (nil, nil, .dropped) }
            var waiter: CheckedContinuation<InboundMessage?, Never>?
            if let w = s.waiter {
                s.waiter = nil
                waiter = w
            } else {
                s.buffer.append(message)
                if readAt != 0 { s.readAt.append(readAt) }
            }
            let deliverTo = Self.takeDelivery(&s)
            // Before authentication only the first message is read (PROTOCOL §3.1).
            if !s.authenticated || s.buffer.count >= highWater {
                s.readingPaused = true
                return (waiter, deliverTo, .pauseReading)
            }
            return (waiter, deliverTo, .keepReading)
        }
        waiter?.resume(returning: message)
        if let deliverTo { startDelivery(to: deliverTo) }
        return outcome
    }

    /// Marks the connection authenticated; resumes reading if it was paused.
    func authenticate() {
        let resume = state.withLock { s -> Bool in
            s.authenticated = true
            return Self.takeResume(&s, highWater: highWater)
        }
        if resume { requestResume() }
    }

    /// Ends the stream: the consumer gets what is buffered, then `nil` (or ``WebSocketReceiver/closed()``).
    func finish() {
        let (waiter, deliverTo) = state.withLock { s -> (CheckedContinuation<InboundMessage?, Never>?, (any WebSocketReceiver)?) in
            s.finished = true
            defer { s.waiter = nil }
            return (s.waiter, Self.takeDelivery(&s))
        }
        waiter?.resume(returning: nil)
        if let deliverTo { startDelivery(to: deliverTo) }
    }

    /// Delivers every message, from now on, to `receiver` instead of to a pulling consumer.
    /// Only the first receiver counts; later calls are ignored.
    func attach(_ receiver: any WebSocketReceiver) {
        let deliverTo = state.withLock { s -> (any WebSocketReceiver)? in
            guard s.receiver == nil, !s.delivering else { return nil }
            s.receiver = receiver
            return Self.takeDelivery(&s)
        }
        if let deliverTo { startDelivery(to: deliverTo) }
    }

    /// The next message, waiting if none is buffered; `nil` once finished and drained.
    func next() async -> InboundMessage? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<InboundMessage?, Never>) in
                enum Step { case deliver(InboundMessage?, resume: Bool), wait }
                let step = state.withLock { s -> Step in
                    // Messages that go to a receiver are not pulled as well.
                    if s.receiver != nil || s.delivering { return .deliver(nil, resume: false) }
                    if let message = s.buffer.popFirst() {
                        _ = s.readAt.popFirst()
                        return .deliver(message, resume: Self.takeResume(&s, highWater: highWater))
                    }
                    // A second concurrent consumer would break ordering; it simply sees the end.
                    if s.finished || s.waiter != nil { return .deliver(nil, resume: false) }
                    s.waiter = continuation
                    return .wait
                }
                if case .deliver(let message, let resume) = step {
                    if resume { requestResume() }
                    continuation.resume(returning: message)
                }
            }
        } onCancel: {
            finish()
        }
    }

    /// Decides (under the lock) whether paused reading may resume, and records that it does.
    private static func takeResume(_ s: inout State, highWater: Int) -> Bool {
        guard s.readingPaused, s.authenticated, !s.finished, s.buffer.count < highWater else { return false }
        s.readingPaused = false
        return true
    }

    /// Decides (under the lock) whether a delivery task must start now: there is a receiver,
    /// none runs, and there is a message or the close to hand over.
    private static func takeDelivery(_ s: inout State) -> (any WebSocketReceiver)? {
        guard let receiver = s.receiver, !s.delivering, !s.buffer.isEmpty || s.finished else { return nil }
        s.delivering = true
        return receiver
    }

    /// Starts the task that hands the waiting messages to `receiver` one by one and ends
    /// when none is left, so that nothing waits while the connection is idle.
    private func startDelivery(to receiver: any WebSocketReceiver) {
        Task { await self.deliver(to: receiver) }
    }

    private func deliver(to receiver: any WebSocketReceiver) async {
        enum Step { case message(InboundMessage, readAt: UInt64, resume: Bool), closed, idle }
        while true {
            let step = state.withLock { s -> Step in
                if let message = s.buffer.popFirst() {
                    return .message(message, readAt: s.readAt.popFirst() ?? 0, resume: Self.takeResume(&s, highWater: highWater))
                }
                if s.finished {
                    // `delivering` stays set: nothing is delivered after the close. Dropping
                    // the receiver breaks the cycle connection → queue → receiver → connection.
                    s.receiver = nil
                    return .closed
                }
                s.delivering = false
                return .idle
            }
            switch step {
            case .message(let message, let readAt, let resume):
                if resume { requestResume() }
                await receiver.receive(message)
                if readAt != 0, let handled {
                    let now = MonotonicClock.nanoseconds()
                    handled(now > readAt ? now - readAt : 0)
                }
            case .closed:
                await receiver.closed()
                return
            case .idle:
                return
            }
        }
    }
}
