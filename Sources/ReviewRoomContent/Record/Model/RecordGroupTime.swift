/// Speaking time of one group of people.
public struct RecordGroupTime: Codable, Equatable, Sendable {
    /// The role that makes the group (`facilitator`, `host`, `reviewer`, `unknown`).
    public var group: String
    /// A label for people: "Facilitators", "Host school", "Reviewers".
    public var label: String
    /// How many people of the group are counted.
    public var people: Int
    /// Their seconds together.
    public var seconds: Double
    /// Share of all speaking time, 0…1.
    public var share: Double
}
