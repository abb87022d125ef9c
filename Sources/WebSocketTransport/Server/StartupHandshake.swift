import Dispatch

/// Hands the outcome of context creation from the service thread back to `start()`.
final class StartupHandshake: Sendable {
    private let outcome = Locked<Result<Int, TransportError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    /// Records the bound port or the failure (service thread, once).
    func finish(_ result: Result<Int, TransportError>) {
        outcome.withLock { $0 = result }
        ready.signal()
    }

    /// Blocks the caller of `start()` until the service thread has reported.
    func wait() -> Result<Int, TransportError> {
        ready.wait()
        return outcome.withLock { $0 } ?? .failure(TransportError(.startFailed, "the service thread reported nothing"))
    }
}
