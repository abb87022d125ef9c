/// The consumer side of one connection's inbound messages, and the state that decides
/// when the service thread pauses and resumes reading (`lws_rx_flow_control`).
///
/// The service thread pushes; the connection's one consumer pulls through
/// ``WebSocketConnection/messages``. Every pull is a consumption signal, which is what lets
/// reading resume once the consumer has caught up.
final class InboundQueue: Sendable {
    private struct State {
        var buffer = FIFO<InboundMessage>()
        var waiter: CheckedContinuation<InboundMessage?, Never>?
        var finished = false
        var authenticated = false
        var readingPaused = false
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

    /// `requestResume` is called (outside the lock) when reading was paused and may go on.
    init(highWater: Int, requestResume: @escaping @Sendable () -> Void) {
        self.highWater = max(1, highWater)
        self.requestResume = requestResume
    }

    /// True once ``authenticate()`` was called.
    var isAuthenticated: Bool { state.withLock { $0.authenticated } }

    /// Adds a whole message (service thread).
    func push(_ message: InboundMessage) -> PushOutcome {
        let (waiter, outcome) = state.withLock { s -> (CheckedContinuation<InboundMessage?, Never>?, PushOutcome) in
            if s.finished { return (nil, .dropped) }
            var waiter: CheckedContinuation<InboundMessage?, Never>?
            if let w = s.waiter {
                s.waiter = nil
                waiter = w
            } else {
                s.buffer.append(message)
            }
            // Before authentication only the first message is read (PROTOCOL §3.1).
            if !s.authenticated || s.buffer.count >= highWater {
                s.readingPaused = true
                return (waiter, .pauseReading)
            }
            return (waiter, .keepReading)
        }
        waiter?.resume(returning: message)
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

    /// Ends the stream: the consumer gets what is buffered, then `nil`.
    func finish() {
        let waiter = state.withLock { s -> CheckedContinuation<InboundMessage?, Never>? in
            s.finished = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next message, waiting if none is buffered; `nil` once finished and drained.
    func next() async -> InboundMessage? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<InboundMessage?, Never>) in
                enum Step { case deliver(InboundMessage?, resume: Bool), wait }
                let step = state.withLock { s -> Step in
                    if let message = s.buffer.popFirst() {
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
}
