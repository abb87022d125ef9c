/// The service thread's side of one WebSocket connection: the `wsi` and the message
/// being reassembled. Never leaves the service thread.
final class ConnectionSession {
    /// The lws connection handle (service thread only).
    let wsi: OpaquePointer
    /// The public connection handed to the acceptor.
    let connection: WebSocketConnection
    /// Fragments of the message in progress.
    var assembler = MessageAssembler()
    /// A whole first message arrived (the hello timer no longer matters).
    var receivedFirstMessage = false

    /// Pairs a handle with its connection.
    init(wsi: OpaquePointer, connection: WebSocketConnection) {
        self.wsi = wsi
        self.connection = connection
    }
}
