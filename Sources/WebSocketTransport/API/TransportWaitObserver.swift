/// Where the transport reports how long work waited at its two hand-offs between the service
/// thread and the rest of the process, for a daemon's metrics.
///
/// Both are called often (once per written batch, once per handled message): keep them cheap
/// and non-blocking. Times are nanoseconds of the monotonic clock.
public struct TransportWaitObserver: Sendable {
    /// A connection's oldest unsent frame waited this long, from being queued by
    /// ``WebSocketConnection/send(_:)`` on an idle outbox to the service thread writing it.
    /// Called on the service thread.
    public var sendWaited: @Sendable (UInt64) -> Void
    /// A whole inbound message took this long from being read off the socket to its
    /// ``WebSocketReceiver`` returning from ``WebSocketReceiver/receive(_:)``: the queue, the
    /// task's turn on the pool and the handling itself. Not reported for messages pulled
    /// through ``WebSocketConnection/messages``.
    public var receiveHandled: @Sendable (UInt64) -> Void

    /// An observer calling `sendWaited` and `receiveHandled`.
    public init(sendWaited: @escaping @Sendable (UInt64) -> Void, receiveHandled: @escaping @Sendable (UInt64) -> Void) {
        self.sendWaited = sendWaited
        self.receiveHandled = receiveHandled
    }
}
