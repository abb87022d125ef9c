/// What arrives on a WebSocket connection, in order.
public enum InboundMessage: Sendable {
    /// A whole text message (fragments reassembled), valid UTF-8.
    case text([UInt8])
}
