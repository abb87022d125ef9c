import WebSocketTransport

extension Metrics {
    /// The transport's wait observer feeding ``sendWait`` and ``receiveHandling``.
    public var transportWaitObserver: TransportWaitObserver {
        TransportWaitObserver(
            sendWaited: { [sendWait] nanoseconds in sendWait.observe(Double(nanoseconds) / 1e9) },
            receiveHandled: { [receiveHandling] nanoseconds in receiveHandling.observe(Double(nanoseconds) / 1e9) })
    }
}
