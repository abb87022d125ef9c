/// Someone to invite: what the caller supplies; the store assigns the id and token.
public struct NewParticipant: Sendable, Equatable {
    /// Display name (must not be empty).
    public var name: String
    /// Role name (must not be empty).
    public var role: String
    /// Optional e-mail.
    public var email: String?

    /// Creates an invitation request.
    public init(name: String, role: String, email: String? = nil) {
        self.name = name
        self.role = role
        self.email = email
    }
}
