/// Someone to invite: what the caller supplies; the store assigns the id and token.
public struct NewParticipant: Sendable, Equatable {
    /// Display name (must not be empty).
    public var name: String
    /// Role name (must not be empty).
    public var role: String
    /// Optional e-mail.
    public var email: String?
    /// The facilitator whose own participant this is (``StoredParticipant/actsFor``); nil for
    /// anyone invited by link.
    public var actsFor: FacilitatorID?

    /// Creates an invitation request.
    public init(name: String, role: String, email: String? = nil, actsFor: FacilitatorID? = nil) {
        self.name = name
        self.role = role
        self.email = email
        self.actsFor = actsFor
    }
}
