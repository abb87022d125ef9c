import ReviewRoomCore

/// Everything the review record is made from.
public struct RecordInput: Sendable {
    /// The session this one follows (a post-review workshop's review), as the record names it.
    public struct FollowedSession: Sendable, Equatable {
        /// Its id.
        public var id: String
        /// Its title.
        public var title: String
        /// Its planned start.
        public var startsAt: Timestamp

        /// Creates the value.
        public init(id: String, title: String, startsAt: Timestamp) {
            self.id = id; self.title = title; self.startsAt = startsAt
        }
    }

    /// The session as it stands (current or final).
    public var state: SessionState
    /// The note buffers with their history (authorship is derived from it).
    public var notes: [NoteBuffer]
    /// The event log in seq order (facilitator's log, rounds, extensions).
    public var events: [LoggedEvent]
    /// When the record is produced (a draft while the session runs).
    public var generatedAt: Timestamp
    /// Everyone ever invited, in invitation order, revoked ones included (the store keeps
    /// them); empty means the state's current participants are everyone.
    public var invited: [RecordInvitee]
    /// Who was online when, in any order; nil when not known (the record then says nothing
    /// about attendance), empty when nobody ever joined online.
    public var attendance: [RecordOnlineInterval]?
    /// The session's editable parts as it was created (title, focus, start, time zone, agenda,
    /// and the deck with nothing shown): the log compares the first `session.changed` and the
    /// first `prompts.changed` with it. Nil when not recorded (sessions stored before schema v6):
    /// the first edit is then logged without its earlier values.
    public var baseline: SessionChange?
    /// Whether the server flags wording (`language_hints`): when off, the record flags none either.
    public var languageHints: Bool
    /// The session this one follows, while it is still stored; nil for most sessions.
    public var follows: FollowedSession?
    /// Whether the session is a post-review workshop (it was scheduled to follow a review,
    /// `followsSession`), so the record is called a workshop's, also once that review is deleted.
    public var isWorkshop = false

    /// Creates the input.
    public init(state: SessionState, notes: [NoteBuffer], events: [LoggedEvent], generatedAt: Timestamp,
                invited: [RecordInvitee] = [], attendance: [RecordOnlineInterval]? = nil,
                baseline: SessionChange? = nil, languageHints: Bool = true, follows: FollowedSession? = nil) {
        self.state = state; self.notes = notes; self.events = events; self.generatedAt = generatedAt
        self.invited = invited; self.attendance = attendance; self.baseline = baseline
        self.languageHints = languageHints; self.follows = follows
    }
}
