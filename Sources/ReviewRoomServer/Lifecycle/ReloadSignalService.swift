import Dispatch
import LockedValue
import ServiceLifecycle

#if canImport(Glibc)
import Glibc
#endif

/// Calls `reload` on every SIGHUP until graceful shutdown (TLS certificates, log level).
///
/// SIGHUP is trapped from `init` on, so a SIGHUP that arrives before the service group runs
/// is delivered to `reload` once it does, instead of ending the process (its default action).
public struct ReloadSignalService: Service {
    private let reload: @Sendable () async -> Void
    private let signals: AsyncStream<Void>
    private let trap: SignalTrap

    /// Owns the dispatch source; the lock makes the non-Sendable source safe to keep in a
    /// Sendable service and to cancel from whichever thread `run()` ends on.
    private final class SignalTrap: Sendable {
        let source: Locked<(any DispatchSourceSignal)?>
        init(_ source: sending any DispatchSourceSignal) { self.source = Locked(source) }
        func cancel() { source.withLock { $0?.cancel(); $0 = nil } }
    }

    /// Traps SIGHUP now; `reload` runs for each one once ``run()`` runs.
    public init(reload: @escaping @Sendable () async -> Void) {
        self.reload = reload
        // A dispatch source only sees a signal whose default action is disabled.
        signal(SIGHUP, SIG_IGN)
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "reviewroomd.sighup"))
        source.setEventHandler { continuation.yield() }
        source.setCancelHandler { continuation.finish() }
        source.resume()
        self.signals = signals
        self.trap = SignalTrap(source)
    }

    /// Handles SIGHUP until graceful shutdown.
    public func run() async throws {
        defer { trap.cancel() }
        await cancelWhenGracefulShutdown {
            for await _ in signals { await reload() }
        }
    }
}
