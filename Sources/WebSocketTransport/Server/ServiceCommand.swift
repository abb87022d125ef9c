/// Work another thread hands to the lws service thread through the ``ServiceMailbox``.
enum ServiceCommand: Sendable {
    /// The connection's outbox has frames or a close request: ask lws for `WRITEABLE`.
    case flush(ConnectionID)
    /// The outbox overflowed: close with the queued close request without waiting to drain.
    case closeNow(ConnectionID)
    /// The consumer caught up (or authenticated): resume reading the connection.
    case resumeReading(ConnectionID)
    /// The responder answered a parked HTTP request.
    case httpReply(exchange: UInt64, response: HTTPResponse)
    /// Watchdog round trip: call the closure from the service thread.
    case probe(@Sendable () -> Void)
    /// Re-read the certificate and key into the live TLS context; report the outcome.
    case reloadTLS(certificatePath: String, keyPath: String, done: @Sendable (TransportError?) -> Void)
    /// Refuse new WebSocket upgrades (503); open connections and plain HTTP go on.
    case refuseNewWebSockets
    /// Stop accepting and close every WebSocket with 1001.
    case beginShutdown
    /// The shutdown grace period ran out: stop waiting for close frames.
    case shutdownDeadline
}
