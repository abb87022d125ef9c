import ReviewRoomCore

/// The session facts in the record.
public struct RecordSession: Codable, Equatable, Sendable {
    /// Session id.
    public var id: String
    /// Title of the review.
    public var title: String
    /// The school being reviewed.
    public var hostSchool: String
    /// The enquiry focus.
    public var focus: String
    /// Planned start.
    public var startsAt: Timestamp
    /// Planned start in the display time zone.
    public var startsAtLocal: String
    /// The session's own time zone as scheduled.
    public var timeZone: String
    /// Clock status when the record was made (`scheduled`, `lobby`, `live`, `paused`, `ended`).
    public var status: String
    /// When the session actually started, if it has.
    public var startedAt: Timestamp?
    /// When it ended, if it has.
    public var endedAt: Timestamp?
    /// The session it follows (a post-review workshop's review), while that one is still kept.
    public var follows: RecordFollowedSession?
    /// `true` for a post-review workshop (scheduled to follow a review), also once that review is
    /// deleted; absent for a review.
    public var workshop: Bool?

    /// "Workshop record" for a post-review workshop, else "Review record": the record's heading.
    public var recordHeading: String { workshop == true ? "Workshop record" : "Review record" }
}

/// The session a session follows, in the record's facts: "Follows: *Reading review*, 1 December 2026 09:30".
public struct RecordFollowedSession: Codable, Equatable, Sendable {
    /// Its id.
    public var id: String
    /// Its title.
    public var title: String
    /// Its planned start.
    public var startsAt: Timestamp
    /// Its planned start in the record's display time zone.
    public var startsAtLocal: String
}
