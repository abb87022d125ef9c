import ReviewRoomCore

/// One line of the facilitator's log.
public struct RecordLogEntry: Codable, Equatable, Sendable {
    /// The event's seq.
    public var seq: Int64
    /// When it happened.
    public var at: Timestamp
    /// The time in the display time zone (`HH:mm:ss`).
    public var time: String
    /// What kind of entry: `session`, `phase`, `clock`, `floor`, `round`, `question`, `agenda`, `participants`.
    /// A session edit gives one `agenda` entry per value it replaced (title, focus, start, time
    /// zone, each phase changed), and `question` entries for its question changes.
    public var kind: String
    /// What happened, in words.
    public var text: String
    /// Who caused it, when known.
    public var by: String?
}
