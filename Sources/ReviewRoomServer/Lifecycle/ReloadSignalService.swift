import ServiceLifecycle

/// Calls `reload` on every SIGHUP until graceful shutdown (TLS certificates, log level).
///
/// The SIGHUPs come from a ``ReloadSignals`` trapped earlier (by `serve`, before it starts), so
/// one that arrives before the service group runs is delivered to `reload` once it does.
public struct ReloadSignalService: Service {
    private let reload: @Sendable () async -> Void
    private let signals: ReloadSignals

    /// `reload` runs for each SIGHUP `signals` trapped, from when ``run()`` runs.
    public init(signals: ReloadSignals, reload: @escaping @Sendable () async -> Void) {
        self.signals = signals
        self.reload = reload
    }

    /// Handles SIGHUP until graceful shutdown.
    public func run() async throws {
        defer { signals.cancel() }
        await cancelWhenGracefulShutdown {
            for await _ in signals.stream { await reload() }
        }
    }
}
