import ReviewRoomCore

/// One event of the session log as stored (seq and decoded core event).
public struct LoggedEvent: Sendable {
    /// Its per-session sequence number.
    public var seq: Int64
    /// The event.
    public var event: Event
    /// Who caused it (participant id), when known.
    public var author: String?

    /// Creates a logged event.
    public init(seq: Int64, event: Event, author: String? = nil) {
        self.seq = seq; self.event = event; self.author = author
    }
}
