/// Speaking time: per person and per group (role).
public struct RecordSpeaking: Codable, Equatable, Sendable {
    /// Everyone who may speak or has spoken, in invitation order.
    public var people: [RecordSpeaker]
    /// Totals per role group: facilitators, host school, reviewers (participants have no school field).
    public var groups: [RecordGroupTime]
    /// Everyone's seconds together.
    public var totalSec: Double
}
