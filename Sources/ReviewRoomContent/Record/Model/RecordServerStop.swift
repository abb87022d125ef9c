import ReviewRoomCore

/// A time the server stopped without shutting down (killed, crashed, the machine lost power)
/// while people were online: nothing was recorded from ``lastRecordedAt`` until it ran again.
public struct RecordServerStop: Codable, Equatable, Sendable {
    /// The last sign of the session before the stop: its last recorded change or the server's
    /// last once-a-minute check that people were online, whichever was later.
    public var lastRecordedAt: Timestamp
    /// ``lastRecordedAt`` in the display time zone (`HH:mm:ss`).
    public var lastRecordedAtLocal: String
    /// When the server was running again (it loaded the session again); absent when unknown
    /// (a stop recorded by an older version, or an export while the server was down).
    public var runningAgainAt: Timestamp?
    /// ``runningAgainAt`` in the display time zone (`HH:mm:ss`).
    public var runningAgainAtLocal: String?
    /// Who was online when it stopped, by participant id.
    public var online: [String]
}
