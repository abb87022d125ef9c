/// A participant of a peer session, and the invite token that joins as them.
struct PeerParticipant: Sendable {
    /// `p_…` id.
    var id: String
    /// Display name.
    var name: String
    /// Role as sent at creation.
    var role: String
    /// The room they belong to.
    var session: String

    /// `{id, name, role}`.
    var json: [String: Any] { ["id": id, "name": name, "role": role] }
}
