import WebSocketTransport

/// Something to send once the session is durable up to ``seq``: everything a session sends
/// goes through one FIFO in this order, so events, acks and replies leave in seq order
/// whatever order the store's acknowledgements resume in.
struct PendingOutput {
    /// What to do.
    enum Action {
        /// An event frame to every member that joined before it.
        case event(OutboundFrame)
        /// Frames to one connection.
        case send(ConnectionID, [OutboundFrame])
        /// A joiner's `welcome` (or `resumed` + replay); marks it welcomed.
        case welcome(ConnectionID, [OutboundFrame])
        /// An ephemeral frame to every member joined by then (`except` one connection).
        case ephemeral(OutboundFrame, except: Set<ConnectionID>)
        /// The current `presence` to every member welcomed by then, or to `only` that one.
        case presence(only: ConnectionID?)
        /// Close one connection.
        case close(ConnectionID, code: UInt16, reason: String)
        /// Resume a waiter (the HTTP API waits for its change to be durable).
        case notify(CheckedContinuation<Void, Never>)
    }

    /// The session's seq the action waits for.
    let seq: Int64
    /// How many of the session's other writes (edits that changed nothing) must be durable
    /// first: those issued before the action was queued.
    var writes: Int64 = 0
    /// The action.
    let action: Action
}
