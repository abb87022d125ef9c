import ReviewRoomCore

/// One event of a session's log as the store keeps it: the wire `name` and `data` as JSON text.
/// The input of ``RecordInput/rebuilding(_:log:generatedAt:)``.
public struct StoredLogEvent: Sendable, Equatable {
    /// Its seq.
    public var seq: Int64
    /// When it happened.
    public var at: Timestamp
    /// The wire event name (`clock.changed`, `note.op`, …).
    public var name: String
    /// The event's `data` object as JSON text.
    public var data: String
    /// The participant whose command caused it, if any.
    public var author: String?

    /// Creates a stored event.
    public init(seq: Int64, at: Timestamp, name: String, data: String, author: String? = nil) {
        self.seq = seq; self.at = at; self.name = name; self.data = data; self.author = author
    }
}
