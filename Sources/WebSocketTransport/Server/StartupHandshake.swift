import Dispatch
import LockedValue

/// The ports the service thread bound: the main one and the HTTP-only one, if configured.
struct BoundPorts: Sendable {
    /// The main (HTTP + WebSocket) port.
    var main: Int
    /// The ``HTTPOnlyListener``'s port, nil when none is configured.
    var httpOnly: Int?
}

/// Hands the outcome of context creation from the service thread back to `start()`.
final class StartupHandshake: Sendable {
    private let outcome = Locked<Result<BoundPorts, TransportError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    /// Records the bound port or the failure (service thread, once).
    func finish(_ result: Result<BoundPorts, TransportError>) {
        outcome.withLock { $0 = result }
        ready.signal()
    }

    /// Blocks the caller of `start()` until the service thread has reported.
    func wait() -> Result<BoundPorts, TransportError> {
        ready.wait()
        return outcome.withLock { $0 } ?? .failure(TransportError(.startFailed, "the service thread reported nothing"))
    }
}
