/// Receives new WebSocket connections.
public protocol WebSocketAcceptor: Sendable {
    /// Takes ownership of a freshly upgraded connection (consume `messages` on one task).
    func accept(_ connection: WebSocketConnection)
}
