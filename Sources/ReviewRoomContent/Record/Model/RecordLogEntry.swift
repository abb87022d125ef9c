import ReviewRoomCore

/// One line of the facilitator's log.
public struct RecordLogEntry: Codable, Equatable, Sendable {
    /// The event's seq; for a `server` line, the seq of the last change before it (0 if none).
    public var seq: Int64
    /// When it happened.
    public var at: Timestamp
    /// The time in the display time zone (`HH:mm:ss`).
    public var time: String
    /// The date in the display time zone (`yyyy-MM-dd`): an edit made days before the review
    /// is logged with its time of day only in ``time``.
    public var date: String
    /// What kind of entry: `session`, `phase`, `clock`, `floor`, `round`, `question`, `agenda`,
    /// `participants`, or `server` (the server stopped without shutting down, from the
    /// attendance it recovered: ``ReviewRecord/serverStops``).
    /// A session edit gives one `agenda` entry per value it replaced (title, focus, start, time
    /// zone, each phase changed), and `question` entries for its question changes.
    public var kind: String
    /// What happened, in words.
    public var text: String
    /// Who caused it, when known.
    public var by: String?
}
