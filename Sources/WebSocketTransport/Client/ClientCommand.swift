/// Work handed to the client service thread through ``ClientMailbox``.
enum ClientCommand {
    /// Open a connection.
    case connect(ConnectionID, WebSocketClientTarget)
    /// Queue a text message (with `LWS_PRE` headroom), queued at the monotonic nanoseconds given
    /// (0 when the pool does not time its sends).
    case send(ConnectionID, [UInt8], queuedAt: UInt64)
    /// Send a close frame (1000) and close.
    case close(ConnectionID)
    /// Kill the connection at once, without a close frame.
    case drop(ConnectionID)
    /// Leave the service loop and destroy the context.
    case stop
}
