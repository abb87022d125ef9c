import Logging
import ServiceLifecycle
import WebSocketTransport

/// Graceful shutdown's first step: stops taking new work while everything else still runs.
///
/// On SIGTERM/SIGINT it turns `/readyz` to 503 (which also makes ``ReviewRoomHTTPResponder``
/// answer every `/api` request 503), makes the transport refuse new WebSocket upgrades (503) and
/// the registry refuse every `hello` with close 1001, then returns. A
/// `ServiceGroup` shuts its services down in reverse order, so this service goes after
/// ``SessionsService`` in the list: the live sessions drain (close 1001, pending commits)
/// only once nobody can join any more, and ``TransportService`` stops the server last.
public struct AdmissionService: Service {
    private let server: WebSocketServer
    private let registry: SessionRegistry
    private let readiness: Readiness
    private let logger: Logger

    /// Guards `server` and `registry`, reporting through `readiness`.
    public init(server: WebSocketServer, registry: SessionRegistry, readiness: Readiness, logger: Logger) {
        self.server = server; self.registry = registry; self.readiness = readiness; self.logger = logger
    }

    /// Waits for graceful shutdown (or cancellation), then stops admitting.
    public func run() async throws {
        try? await gracefulShutdown()
        readiness.markStopping()
        server.refuseNewWebSockets()
        await registry.stopJoining()
        logger.info("shutting down: no new connections or joins")
    }
}
