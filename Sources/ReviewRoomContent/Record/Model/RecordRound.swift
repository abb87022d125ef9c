import ReviewRoomCore

/// A round as it ran: order, who passed, who spoke.
public struct RecordRound: Codable, Equatable, Sendable {
    /// When it started.
    public var startedAt: Timestamp
    /// Start in the display time zone.
    public var startedAtLocal: String
    /// When it ended; null while it runs.
    public var endedAt: Timestamp?
    /// Index of the phase it ran in.
    public var phase: Int
    /// Seconds each person had.
    public var secondsEach: Double
    /// The speaking order.
    public var order: [RecordPerson]
    /// Who passed, in the order they passed.
    public var passed: [RecordPerson]
    /// Whether it reached the last person in the order (false when stopped early).
    public var reachedEnd: Bool
    /// Each turn taken, in order.
    public var turns: [RecordRoundTurn] = []

    /// What ends the round's line in Markdown and HTML: " Still running." in a draft taken during
    /// it (it read "Stopped early."), " Stopped early." when it ended before its last person.
    var closingSentence: String {
        endedAt == nil ? " Still running." : reachedEnd ? "" : " Stopped early."
    }
}
