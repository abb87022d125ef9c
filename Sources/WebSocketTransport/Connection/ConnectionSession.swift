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
    /// `MonotonicClock` time a frame of it last arrived (or it opened).
    var lastHeard: UInt64
    /// A ping went out since it was last heard.
    var pingedSinceHeard = false
    /// A ping waits for the next `WRITEABLE`.
    var pingDue = false

    /// Pairs a handle with its connection, heard at `now` (when it opened).
    init(wsi: OpaquePointer, connection: WebSocketConnection, now: UInt64) {
        self.wsi = wsi
        self.connection = connection
        lastHeard = now
    }

    /// A frame of it arrived at `now`.
    func heard(at now: UInt64) {
        lastHeard = now
        pingedSinceHeard = false
    }
}
