import Dispatch
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// Calls `reload` on every SIGHUP until graceful shutdown (TLS certificates, log level).
public struct ReloadSignalService: Service {
    private let reload: @Sendable () async -> Void

    /// Creates the service.
    public init(reload: @escaping @Sendable () async -> Void) { self.reload = reload }

    /// Handles SIGHUP until graceful shutdown.
    public func run() async throws {
        // The default action of SIGHUP is to terminate; a dispatch source needs it ignored.
        signal(SIGHUP, SIG_IGN)
        let (signals, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "reviewroomd.sighup"))
        source.setEventHandler { continuation.yield() }
        source.resume()
        defer { source.cancel(); continuation.finish() }
        await cancelWhenGracefulShutdown {
            for await _ in signals { await reload() }
        }
    }
}
