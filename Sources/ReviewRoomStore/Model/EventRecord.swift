import ReviewRoomCore

/// One stored event of a session's log, exactly as the server broadcast it.
///
/// `data` is opaque JSON text: the store never parses it, so events come back byte-equal.
public struct EventRecord: Sendable, Equatable {
    /// Position in the session's log: starts at 1, gapless, strictly increasing.
    public var seq: Int64
    /// When the event happened.
    public var at: Timestamp
    /// The event name (`floor.changed`, `note.op`, …).
    public var name: String
    /// The event's `data` object as JSON text.
    public var data: String
    /// The participant whose command caused it, or nil for server-caused events (timers).
    public var author: String?
    /// The client's operation id for idempotent edits; unique per (session, author). Needs an author.
    public var opId: String?

    /// Creates an event record.
    public init(seq: Int64, at: Timestamp, name: String, data: String, author: String? = nil, opId: String? = nil) {
        self.seq = seq
        self.at = at
        self.name = name
        self.data = data
        self.author = author
        self.opId = opId
    }
}
