/// A person invited to a session.
public struct StoredParticipant: Sendable, Equatable {
    /// The participant's id (`p_…`).
    public var id: ParticipantID
    /// `facilitator`, `host`, `reviewer`, `observer` or `display`; not interpreted by the store.
    public var role: String
    /// Display name.
    public var name: String
    /// Optional e-mail for invitations.
    public var email: String?
    /// 0-based order in which participants were invited to this session.
    public var invitationOrder: Int
    /// Whether the invite was revoked (the participant can no longer join).
    public var revoked: Bool
    /// The facilitator whose own participant this is (their console joins as it), or nil for
    /// everyone invited by link, co-facilitators included.
    public var actsFor: FacilitatorID?

    /// Creates a participant value.
    public init(id: ParticipantID, role: String, name: String, email: String?, invitationOrder: Int, revoked: Bool,
                actsFor: FacilitatorID? = nil) {
        self.id = id
        self.role = role
        self.name = name
        self.email = email
        self.invitationOrder = invitationOrder
        self.revoked = revoked
        self.actsFor = actsFor
    }
}
