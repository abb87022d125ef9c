/// One client connection as the service thread sees it.
final class ClientConnectionState {
    /// Its id.
    let id: ConnectionID
    /// The lws handle once connecting began (service thread only).
    var wsi: OpaquePointer?
    /// Text messages not yet written, each with `LWS_PRE` bytes of headroom in front, and when
    /// each was queued (0 when not timed).
    var outbox = FIFO<(bytes: [UInt8], queuedAt: UInt64)>()
    /// Reassembles fragments.
    var assembler = MessageAssembler()
    /// A close was asked for: sent after the outbox drains.
    var closeRequested = false
    /// The peer's close code, if it sent one.
    var peerCloseCode: UInt16?
    /// The handshake completed.
    var established = false

    /// A connection with `id`.
    init(id: ConnectionID) { self.id = id }
}
