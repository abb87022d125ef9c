import LockedValue
@testable import WebSocketTransport

/// A ``WebSocketReceiver`` that reports what it was given, in order, and whether two
/// deliveries ever overlapped. Optionally authenticates the connection on the first message.
final class RecordingReceiver: WebSocketReceiver {
    /// One thing the transport handed over.
    enum Event: Equatable, Sendable {
        case text(String)
        case closed
    }

    /// Every event, in the order the calls began; finishes after ``Event/closed``.
    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let state = Locked(State())
    private let authenticating: WebSocketConnection?

    private struct State {
        var inside = false
        var overlapped = false
        var first = true
    }

    /// A receiver that calls `authenticated()` on `authenticating` after its first message.
    init(authenticating: WebSocketConnection? = nil) {
        (events, continuation) = AsyncStream.makeStream()
        self.authenticating = authenticating
    }

    /// Whether a delivery ever began before the previous one returned.
    var overlapped: Bool { state.withLock { $0.overlapped } }

    func receive(_ message: InboundMessage) async {
        let first = enter()
        if case .text(let bytes) = message { continuation.yield(.text(String(decoding: bytes, as: UTF8.self))) }
        // Give an overlapping delivery every chance to show itself.
        await Task.yield()
        if first { authenticating?.authenticated() }
        leave()
    }

    func closed() async {
        _ = enter()
        continuation.yield(.closed)
        continuation.finish()
        leave()
    }

    private func enter() -> Bool {
        state.withLock { s in
            if s.inside { s.overlapped = true }
            s.inside = true
            defer { s.first = false }
            return s.first
        }
    }

    private func leave() {
        state.withLock { $0.inside = false }
    }
}
