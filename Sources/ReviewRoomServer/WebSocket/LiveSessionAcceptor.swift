import Logging
import WebSocketTransport

/// Takes each new WebSocket connection into the live sessions: one task per connection reads
/// its messages in order (``ConnectionHandler``).
public struct LiveSessionAcceptor: WebSocketAcceptor {
    private let registry: SessionRegistry
    private let logger: Logger

    /// Creates the acceptor for `registry`.
    public init(registry: SessionRegistry, logger: Logger) {
        self.registry = registry
        self.logger = logger
    }

    /// Starts the connection's reader task and returns at once (this is the service thread).
    public func accept(_ connection: WebSocketConnection) {
        let handler = ConnectionHandler(connection: connection, registry: registry, logger: logger)
        Task { await handler.run() }
    }
}
