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
    /// Whether the daemon stopped without closing it (killed, crashed) and the end is the later
    /// of the session's last stored event and the interval's last still-here mark (written about
    /// once a minute while online), set when the session loaded again: a lower bound (short by
    /// at most the time from that mark to the kill).
    public var recovered: Bool
    /// The last still-here mark while it was open (``Store/recordStillOnline(in:at:completion:)``),
    /// nil before the first: where a kill would have it end at the latest.
    public var seenAt: Timestamp?
    /// For a ``recovered`` interval, when the next run closed it (loaded the session again): the
    /// server was running again by then. Nil otherwise, and for intervals recovered before
    /// schema v9.
    public var recoveredAt: Timestamp?

    /// Creates an interval.
    public init(participant: ParticipantID, joinedAt: Timestamp, leftAt: Timestamp? = nil, recovered: Bool = false,
                seenAt: Timestamp? = nil, recoveredAt: Timestamp? = nil) {
        self.participant = participant
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.recovered = recovered
        self.seenAt = seenAt
        self.recoveredAt = recoveredAt
    }
}
