/// A change to the participant list made by the server (HTTP API invite, revoke, rename).
///
/// Applied through ``SessionState/apply(_:at:)-(ParticipantChange,_)`` so that it becomes
/// a `participant.changed` event (and, for a removal, a `floor.changed` event) and is
/// replayable like every other change.
public enum ParticipantChange: Equatable, Sendable {
    /// Adds a participant at the end of the invitation order. Refused once the session has
    /// ended (nobody new joins an ended session) unless `evenAfterTheEnd`: the owner's own
    /// facilitator participant, made when their console first opens the session.
    case add(Participant, evenAfterTheEnd: Bool = false)
    /// Removes a participant: their hand is lowered, their turn ends and they leave any round
    /// still to come. After the end it changes nothing: the list is the record of who took
    /// part, and a revocation then takes away only access.
    case remove(id: String)
    /// Gives a participant a new display name.
    case rename(id: String, name: String)
}
