import Logging
import WebSocketTransport

/// Takes each new WebSocket connection into the live sessions: the transport delivers its
/// messages in order to a ``ConnectionHandler`` of its own.
public struct LiveSessionAcceptor: WebSocketAcceptor {
    private let registry: SessionRegistry
    private let logger: Logger
    /// Refused hellos, paced across every connection: anyone can send wrong tokens at will.
    private let refusals: PacedLog

    /// Creates the acceptor for `registry`.
    public init(registry: SessionRegistry, logger: Logger) {
        self.registry = registry
        self.logger = logger
        refusals = PacedLog(logger: logger)
    }

    /// Attaches the connection's handler and returns at once (this is the service thread).
    ///
    /// No task waits on the connection: one runs only while its messages are being handled,
    /// which keeps an idle connection down to its objects.
    public func accept(_ connection: WebSocketConnection) {
        connection.deliver(to: ConnectionHandler(connection: connection, registry: registry, logger: logger, refusals: refusals))
    }
}
