import Logging
import ServiceLifecycle
import WebSocketTransport

/// Runs the started ``WebSocketServer`` until graceful shutdown, then turns `/readyz` to 503
/// and shuts the server down (WebSockets closed with 1001, in-flight work finished).
public struct TransportService: Service {
    private let server: WebSocketServer
    private let readiness: Readiness
    private let shutdownTimeoutSeconds: Double
    private let logger: Logger

    /// Wraps a server that ``WebSocketServer/start()`` already started.
    public init(server: WebSocketServer, readiness: Readiness, shutdownTimeoutSeconds: Double = 8, logger: Logger) {
        self.server = server; self.readiness = readiness
        self.shutdownTimeoutSeconds = shutdownTimeoutSeconds; self.logger = logger
    }

    /// Waits for graceful shutdown (or cancellation), then stops the server.
    public func run() async throws {
        readiness.markReady()  // normally already done by whoever printed "Listening on"
        // Cancellation ends the wait too; either way the server must be shut down.
        try? await gracefulShutdown()
        readiness.markStopping()
        logger.info("shutting down: closing connections", metadata: ["connections": "\(server.connectionCount)"])
        await server.shutdown(timeoutSeconds: shutdownTimeoutSeconds)
        logger.info("transport stopped")
    }
}
