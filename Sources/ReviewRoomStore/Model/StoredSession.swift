import ReviewRoomCore

/// A session as stored: its definition plus the bookkeeping the store keeps.
public struct StoredSession: Sendable, Equatable {
    /// The session's id.
    public var id: SessionID
    /// The facilitator who owns it.
    public var owner: FacilitatorID
    /// What was scheduled.
    public var definition: SessionDefinition
    /// Changes only when the session's history cannot be continued (see PROTOCOL.md §3.1).
    public var epoch: String
    /// When it was created.
    public var createdAt: Timestamp
    /// RFC 5545 `SEQUENCE`: bumped on every reschedule so calendars update.
    public var calendarSequence: Int
    /// The session this one follows (a post-review workshop's review), as named when it was
    /// scheduled; it may since have been deleted.
    public var followsSession: SessionID?

    /// Creates a stored session value.
    public init(id: SessionID, owner: FacilitatorID, definition: SessionDefinition, epoch: String, createdAt: Timestamp,
                calendarSequence: Int, followsSession: SessionID? = nil) {
        self.id = id
        self.owner = owner
        self.definition = definition
        self.epoch = epoch
        self.createdAt = createdAt
        self.calendarSequence = calendarSequence
        self.followsSession = followsSession
    }
}
