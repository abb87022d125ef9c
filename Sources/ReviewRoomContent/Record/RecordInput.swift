import ReviewRoomCore

/// Everything the review record is made from.
public struct RecordInput: Sendable {
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

    /// Creates the input.
    public init(state: SessionState, notes: [NoteBuffer], events: [LoggedEvent], generatedAt: Timestamp,
                invited: [RecordInvitee] = [], attendance: [RecordOnlineInterval]? = nil) {
        self.state = state; self.notes = notes; self.events = events; self.generatedAt = generatedAt
        self.invited = invited; self.attendance = attendance
    }
}
