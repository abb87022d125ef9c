import ReviewRoomCore

/// One stretch a person was online (several tabs at once are one stretch), cut at the end of
/// the session (or, for a draft, at the record's time).
public struct RecordOnlineSpell: Codable, Equatable, Sendable {
    /// When they came online.
    public var from: Timestamp
    /// When they went offline, or the session's end (the draft's time) if they were still online.
    public var to: Timestamp
    /// ``from`` in the display time zone (`HH:mm:ss`).
    public var fromLocal: String
    /// ``to`` in the display time zone (`HH:mm:ss`).
    public var toLocal: String
    /// Present (`true`) when they were still online at the session's end (the draft's time).
    public var untilEnd: Bool?
    /// Present (`true`) when the server stopped without recording when they went offline: ``to``
    /// is the last sign of them before that.
    public var cutShort: Bool?
}
