/// Someone invited to a session, in the order they were invited.
///
/// Encodes as `{id, name, role}`: the `online` flag of the wire snapshot is presence,
/// which the server knows and the core does not.
public struct Participant: Codable, Equatable, Hashable, Sendable {
    /// Opaque participant id (`p_…`).
    public var id: String
    /// Display name.
    public var name: String
    /// What they may do.
    public var role: Role

    /// Creates a participant.
    public init(id: String, name: String, role: Role) {
        self.id = id
        self.name = name
        self.role = role
    }
}
