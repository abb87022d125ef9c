import ReviewRoomCore

/// One stretch of time a participant was online, as the record input carries it (the server
/// keeps these outside the event log: joining and leaving are not events).
public struct RecordOnlineInterval: Equatable, Sendable {
    /// The participant id.
    public var participant: String
    /// When their first connection joined.
    public var joinedAt: Timestamp
    /// When their last connection closed; nil while they are still online.
    public var leftAt: Timestamp?
    /// Whether the server stopped without closing it and ended it at the session's last
    /// stored event or last still-here mark when the session loaded again: they may have been
    /// online longer.
    public var recovered: Bool
    /// For a recovered interval, when the next run of the server closed it (loaded the session
    /// again): the server was running again by then. Nil when unknown.
    public var recoveredAt: Timestamp?

    /// Creates an interval.
    public init(participant: String, joinedAt: Timestamp, leftAt: Timestamp?, recovered: Bool = false, recoveredAt: Timestamp? = nil) {
        self.participant = participant; self.joinedAt = joinedAt; self.leftAt = leftAt; self.recovered = recovered
        self.recoveredAt = recoveredAt
    }
}
