/// Receives new WebSocket connections.
public protocol WebSocketAcceptor: Sendable {
    /// Takes ownership of a freshly upgraded connection: consume `messages` on one task, or
    /// hand the messages to a receiver with `deliver(to:)` (no task waits while it is idle).
    ///
    /// Called on the lws service thread: return at once (start a task or yield into a stream);
    /// never block or wait here.
    func accept(_ connection: WebSocketConnection)
}
