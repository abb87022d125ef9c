import ReviewRoomCore

/// One stretch of time a participant was online in a session: from their first open
/// connection to their last one closing (two tabs at once are one interval).
public struct AttendanceInterval: Hashable, Sendable {
    /// The participant.
    public var participant: ParticipantID
    /// When their first connection joined.
    public var joinedAt: Timestamp
    /// When their last connection closed; nil while they are online.
    public var leftAt: Timestamp?
    /// Whether the daemon stopped without closing it (killed, crashed) and the end is the time
    /// of the session's last stored event, set when the session loaded again: a lower bound.
    public var recovered: Bool

    /// Creates an interval.
    public init(participant: ParticipantID, joinedAt: Timestamp, leftAt: Timestamp? = nil, recovered: Bool = false) {
        self.participant = participant
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.recovered = recovered
    }
}
