import Synchronization
import WebSocketTransport

/// Client events on their way from the lws client thread to the driver's task, in order.
///
/// The thread appends; the task takes everything at once. Only the append that finds the
/// inbox empty wakes the task, so under load one wake-up carries many events (a task resume
/// per message was a tenth of the driver's CPU).
final class ClientEventInbox: Sendable {
    private let events = Mutex<[WebSocketClientEvent]>([])

    /// Appends `event`; true when the inbox was empty (the caller must wake the reader).
    func append(_ event: WebSocketClientEvent) -> Bool {
        events.withLock { queue in
            queue.append(event)
            return queue.count == 1
        }
    }

    /// Everything queued, oldest first; leaves the inbox empty.
    func takeAll() -> [WebSocketClientEvent] {
        events.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
    }
}
