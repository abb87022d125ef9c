import Logging
import ServiceLifecycle

/// Runs the live sessions: arms timers of stored sessions at start-up, and on graceful
/// shutdown closes their connections with 1001 and waits for pending commits.
public struct SessionsService: Service {
    private let registry: SessionRegistry
    private let logger: Logger

    /// Wraps `registry`.
    public init(registry: SessionRegistry, logger: Logger) {
        self.registry = registry
        self.logger = logger
    }

    /// Arms pending timers, then waits for shutdown and drains.
    public func run() async throws {
        await registry.armPendingTimers()
        try? await gracefulShutdown()
        await registry.shutdown()
        logger.info("live sessions stopped")
    }
}
