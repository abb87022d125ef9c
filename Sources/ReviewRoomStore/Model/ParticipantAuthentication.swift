/// Who an invite token belongs to.
public struct ParticipantAuthentication: Sendable, Equatable {
    /// The session the invite is for.
    public var session: SessionID
    /// The invited participant.
    public var participant: StoredParticipant

    /// Creates the value.
    public init(session: SessionID, participant: StoredParticipant) {
        self.session = session
        self.participant = participant
    }
}
