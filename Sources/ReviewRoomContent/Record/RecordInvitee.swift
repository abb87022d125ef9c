import ReviewRoomCore

/// Someone invited to the session at some point, as the record input carries them: the
/// record names and lists a revoked participant too, marked as removed.
public struct RecordInvitee: Equatable, Sendable {
    /// The participant (id, name, role).
    public var participant: Participant
    /// Whether their invite was revoked.
    public var revoked: Bool

    /// Creates an invitee.
    public init(_ participant: Participant, revoked: Bool) {
        self.participant = participant; self.revoked = revoked
    }
}
