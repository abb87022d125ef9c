import CLibWebSockets
import LockedValue

/// The way into the client service thread: a locked command queue plus
/// `lws_cancel_service` (the one lws call that is safe from other threads), as on the server.
final class ClientMailbox: Sendable {
    private struct State {
        var commands: [ClientCommand] = []
        // Cleared under this lock before the context is destroyed, so a cancel never
        // reaches a destroyed context.
        var context: OpaquePointer?
        var wakePending = false
    }

    private let state = Locked(State())

    /// Queues `command` and wakes the service thread (once per batch); false once stopped.
    @discardableResult
    func post(_ command: ClientCommand) -> Bool {
        post(contentsOf: [command])
    }

    /// Queues `commands` together, so one drain takes them all, and wakes the service thread;
    /// false once stopped.
    @discardableResult
    func post(contentsOf commands: [ClientCommand]) -> Bool {
        state.withLock { s in
            guard let context = s.context else { return false }
            s.commands.append(contentsOf: commands)
            if !s.wakePending {
                s.wakePending = true
                lws_cancel_service(context)
            }
            return true
        }
    }

    /// Takes every queued command (service thread).
    func drain() -> [ClientCommand] {
        state.withLock { s in
            s.wakePending = false
            defer { s.commands.removeAll(keepingCapacity: true) }
            return s.commands
        }
    }

    /// Accepts commands from now on.
    func open(context: OpaquePointer) {
        state.withLock { $0.context = context }
    }

    /// Refuses commands from now on.
    func close() {
        state.withLock { s in
            s.context = nil
            s.commands.removeAll()
        }
    }
}
