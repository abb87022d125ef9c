import Logging
import ServiceLifecycle
import WebSocketTransport

/// Runs the started ``WebSocketServer`` until graceful shutdown, then turns `/readyz` to 503
/// and shuts the server down (WebSockets closed with 1001, in-flight work finished).
public struct TransportService: Service {
    private let server: WebSocketServer
    private let readiness: Readiness
    private let shutdownTimeoutSeconds: Double
    private let onRunning: @Sendable () -> Void
    private let logger: Logger

    /// Wraps a server that ``WebSocketServer/start()`` already started. `onRunning` is called
    /// once the service group runs, i.e. once SIGTERM/SIGINT are trapped: the place to announce
    /// that the daemon listens (a SIGTERM sent on that news then shuts it down gracefully).
    public init(server: WebSocketServer, readiness: Readiness, shutdownTimeoutSeconds: Double = 8,
                logger: Logger, onRunning: @escaping @Sendable () -> Void = {}) {
        self.server = server; self.readiness = readiness
        self.shutdownTimeoutSeconds = shutdownTimeoutSeconds; self.logger = logger; self.onRunning = onRunning
    }

    /// Marks the daemon ready, calls `onRunning`, waits for graceful shutdown (or
    /// cancellation), then stops the server.
    public func run() async throws {
        readiness.markReady()
        onRunning()
        // Cancellation ends the wait too; either way the server must be shut down.
        try? await gracefulShutdown()
        readiness.markStopping()
        logger.info("shutting down: closing connections", metadata: ["connections": "\(server.connectionCount)"])
        await server.shutdown(timeoutSeconds: shutdownTimeoutSeconds)
        logger.info("transport stopped")
    }
}
