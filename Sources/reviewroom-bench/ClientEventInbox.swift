import LockedValue
import WebSocketTransport

/// Client events on their way from the lws client thread to the driver's task, in order.
///
/// The thread appends; the task takes everything at once. The thread wakes the task once per
/// pass of its event loop, and only if events are waiting and no wake-up is already on its way
/// (a resume per message, then per empty-to-full change, was a tenth of the driver's CPU).
final class ClientEventInbox: Sendable {
    private struct State {
        var events: [WebSocketClientEvent] = []
        var wakePending = false
    }

    private let state = Locked(State())

    /// Appends `event` (lws client thread).
    func append(_ event: WebSocketClientEvent) {
        state.withLock { $0.events.append(event) }
    }

    /// True when events wait and the reader has not been woken for them yet (lws client
    /// thread, after a pass of its loop): the caller must wake the reader.
    func needsWake() -> Bool {
        state.withLock { s in
            guard !s.events.isEmpty, !s.wakePending else { return false }
            s.wakePending = true
            return true
        }
    }

    /// Everything queued, oldest first; leaves the inbox empty and ready to be woken again.
    func takeAll() -> [WebSocketClientEvent] {
        state.withLock { s in
            s.wakePending = false
            defer { s.events.removeAll(keepingCapacity: true) }
            return s.events
        }
    }
}
