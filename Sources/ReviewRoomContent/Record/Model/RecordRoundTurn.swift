import ReviewRoomCore

/// One turn of a round as it ran: whose, how long, whether they passed, and whether they were
/// online for it (an offline reviewer's turn runs its time and is counted as speaking time).
public struct RecordRoundTurn: Codable, Equatable, Sendable {
    /// Whose turn it was.
    public var person: RecordPerson
    /// When it began.
    public var startedAt: Timestamp
    /// When it ended; absent while it runs (a draft).
    public var endedAt: Timestamp?
    /// Its length as counted in speaking time (paused time left out); absent while it runs.
    public var seconds: Double?
    /// Whether they passed (ended it themselves in the round, or a facilitator passed for them).
    public var passed: Bool
    /// Whether they were online at any moment of it; absent when attendance is unknown.
    public var online: Bool?
}
