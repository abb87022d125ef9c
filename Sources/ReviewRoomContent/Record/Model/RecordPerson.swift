/// A participant as the record names them.
public struct RecordPerson: Codable, Equatable, Sendable {
    /// Participant id.
    public var id: String
    /// Display name (the id when the participant is no longer in the session).
    public var name: String
    /// Role (`facilitator`, `host`, `reviewer`, `observer`, `display`; `unknown` for a removed participant).
    public var role: String
}
