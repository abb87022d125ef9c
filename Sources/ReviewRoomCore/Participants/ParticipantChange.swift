/// A change to the participant list made by the server (HTTP API invite, revoke, rename).
///
/// Applied through ``SessionState/apply(_:at:)-(ParticipantChange,_)`` so that it becomes
/// a `participant.changed` event (and, for a removal, a `floor.changed` event) and is
/// replayable like every other change.
public enum ParticipantChange: Equatable, Sendable {
    /// Adds a participant at the end of the invitation order.
    case add(Participant)
    /// Removes a participant: their hand is lowered, their turn ends and they leave any round still to come.
    case remove(id: String)
    /// Gives a participant a new display name.
    case rename(id: String, name: String)
}
