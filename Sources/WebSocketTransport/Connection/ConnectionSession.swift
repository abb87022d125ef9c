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
    /// ``ReadingClock`` time it opened (the hello timeout counts from here).
    let openedAt: UInt64
    /// ``ReadingClock`` time a frame of it last arrived (or it opened).
    var lastHeard: UInt64
    /// A ping went out since it was last heard.
    var pingedSinceHeard = false
    /// A ping waits for the next `WRITEABLE`.
    var pingDue = false
    /// The server paused reading it (`lws_rx_flow_control`): its consumer has not taken what
    /// came, or has not accepted the first message yet. Nothing it sends — a pong included — is
    /// read meanwhile, so its silence is not counted (see ``readingResumed(at:)``).
    var readingPaused = false

    /// Pairs a handle with its connection, heard at `now` (when it opened).
    init(wsi: OpaquePointer, connection: WebSocketConnection, now: UInt64) {
        self.wsi = wsi
        self.connection = connection
        openedAt = now
        lastHeard = now
    }

    /// A frame of it arrived at `now`.
    func heard(at now: UInt64) {
        lastHeard = now
        pingedSinceHeard = false
    }

    /// Reading goes on at `now`: its silence counts from here, as if it had just been heard
    /// (pongs it sent while reading was paused are still unread).
    func readingResumed(at now: UInt64) {
        readingPaused = false
        heard(at: now)
    }
}
