/// Everything needed to bring a session back to life: definition, latest snapshot, later events.
public struct LoadedSession: Sendable, Equatable {
    /// The stored session and its definition.
    public var session: StoredSession
    /// Every participant, in invitation order (revoked ones included, marked).
    public var participants: [StoredParticipant]
    /// The latest snapshot, if one was saved.
    public var snapshot: StoredSessionSnapshot?
    /// Every event after the snapshot's seq (all events when there is no snapshot), in order.
    public var events: [EventRecord]
    /// The session's last durable seq (0 when it has no events).
    public var lastSeq: Int64
    /// Every `(author, opId)` stored up to the snapshot (empty without one): the events after
    /// it carry their own, and a repeated opId must be recognised whichever side it is on.
    public var operationsBeforeSnapshot: [OperationKey] = []
    /// Every edit of the session that changed nothing, with the rev it was acked with.
    public var unchangedOperations: [UnchangedOperation] = []

    /// Creates the value.
    public init(session: StoredSession, participants: [StoredParticipant], snapshot: StoredSessionSnapshot?, events: [EventRecord], lastSeq: Int64) {
        self.session = session
        self.participants = participants
        self.snapshot = snapshot
        self.events = events
        self.lastSeq = lastSeq
    }
}
