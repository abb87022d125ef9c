/// Where a session's clock stands: `scheduled → lobby → live ⇄ paused → ended`.
///
/// `lobby` is never stored: it is `scheduled` seen at or after the lobby opening
/// (``SessionState/status(at:)``).
public enum ClockStatus: String, Codable, Sendable, CaseIterable {
    /// Not started and the lobby is not open yet.
    case scheduled
    /// Not started; people may join and wait.
    case lobby
    /// Running: the phase clock counts.
    case live
    /// Stopped for a while; paused time does not count.
    case paused
    /// Over: nothing can change any more.
    case ended

    /// Whether the session has started and not ended (`live` or `paused`).
    public var isUnderway: Bool { self == .live || self == .paused }
}
