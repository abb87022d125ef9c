/// A participant as the record names them.
public struct RecordPerson: Codable, Equatable, Sendable {
    /// Participant id.
    public var id: String
    /// Display name (the id only when the record does not know the participant at all).
    public var name: String
    /// Role (`facilitator`, `host`, `reviewer`, `observer`, `display`; `unknown` for an id the
    /// record does not know).
    public var role: String
    /// Whether they are no longer in the session (their invite was revoked).
    public var removed: Bool
}
