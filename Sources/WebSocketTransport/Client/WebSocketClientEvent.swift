/// What happens on a client connection of a ``WebSocketClientPool``, in order per connection.
public enum WebSocketClientEvent: Sendable {
    /// The handshake completed; frames may flow.
    case opened(ConnectionID)
    /// A whole text message, stamped with `CLOCK_MONOTONIC` nanoseconds on the service
    /// thread the moment its last fragment arrived (before any Swift task saw it).
    case text(ConnectionID, [UInt8], receivedAt: UInt64)
    /// The connection could not be made (refused, handshake failed); `reason` says why.
    case failed(ConnectionID, reason: String)
    /// The connection closed; `code` is the peer's close code (1005 for a close frame without one), nil when no close frame came.
    case closed(ConnectionID, code: UInt16?)
}
