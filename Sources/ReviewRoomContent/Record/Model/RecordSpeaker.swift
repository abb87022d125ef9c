/// One person's speaking time.
public struct RecordSpeaker: Codable, Equatable, Sendable {
    /// Participant id.
    public var id: String
    /// Name.
    public var name: String
    /// Role.
    public var role: String
    /// Seconds holding the floor (an unfinished turn counted up to the record's time).
    public var seconds: Double
    /// Share of all speaking time, 0…1 (0 when nobody has spoken).
    public var share: Double
    /// Present (`true`) when they spoke and were removed from the session since (the table lists
    /// them for what they said; a removed person who never spoke is not listed).
    public var removed: Bool? = nil
}
