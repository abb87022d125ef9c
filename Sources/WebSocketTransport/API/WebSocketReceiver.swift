/// Takes one connection's inbound messages as they arrive, with no task waiting in between
/// (see ``WebSocketConnection/deliver(to:)``).
///
/// The transport calls ``receive(_:)`` for each message in arrival order, one call at a time:
/// the next starts only after the previous returned. After the last message of a closed
/// connection it calls ``closed()`` once; nothing follows it. A task exists only while
/// messages are waiting, so an idle connection costs no task, task stack or continuation.
public protocol WebSocketReceiver: Sendable {
    /// Handles one message. Returning is what lets the next one (and paused reading) go on.
    func receive(_ message: InboundMessage) async

    /// The connection is gone and every message it brought was delivered.
    func closed() async
}
