import CLibWebSockets
import LockedValue

/// The one way into the service thread from elsewhere: a locked command queue plus
/// `lws_cancel_service`, the only lws call that is safe from other threads.
final class ServiceMailbox: Sendable {
    private struct State {
        var commands: [ServiceCommand] = []
        // The live context, or nil before it exists and after it is destroyed. Calling
        // lws_cancel_service while holding the lock guarantees the context is not
        // destroyed underneath it (the service thread clears this field, under the
        // same lock, before destroying the context).
        var context: OpaquePointer?
    }

    private let state = Locked(State())

    /// Queues `command` and wakes the service thread (once per batch); false if the context is not running.
    @discardableResult
    func post(_ command: ServiceCommand) -> Bool {
        state.withLock { s in
            guard let context = s.context else { return false }
            s.commands.append(command)
            // One wake-up per batch: a non-empty queue already has one on its way (the
            // drain empties the queue under this lock), and each cancel is a pipe write.
            if s.commands.count == 1 { lws_cancel_service(context) }
            return true
        }
    }

    /// Takes every queued command (service thread, on `EVENT_WAIT_CANCELLED`).
    func drain() -> [ServiceCommand] {
        state.withLock { s in
            defer { s.commands.removeAll(keepingCapacity: true) }
            return s.commands
        }
    }

    /// Accepts commands for `context` from now on (service thread, after creating it).
    func open(context: OpaquePointer) {
        state.withLock { $0.context = context }
    }

    /// Refuses commands from now on and returns those still queued (before destroying).
    func close() -> [ServiceCommand] {
        state.withLock { s in
            s.context = nil
            defer { s.commands.removeAll() }
            return s.commands
        }
    }
}
