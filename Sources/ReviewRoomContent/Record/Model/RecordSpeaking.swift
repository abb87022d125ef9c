/// Speaking time: per person and per group (role).
public struct RecordSpeaking: Codable, Equatable, Sendable {
    /// Everyone who may speak or has spoken, in invitation order.
    public var people: [RecordSpeaker]
    /// Totals per role group: facilitators, host school, reviewers (participants have no school field).
    public var groups: [RecordGroupTime]
    /// Everyone's seconds together.
    public var totalSec: Double

    /// The share of everyone's time that `seconds` is, unrounded: what the tables and charts
    /// show as a percentage. The stored `share` is rounded to three places, and rounding that
    /// again to a whole percentage made 12.49 % read 13 % (the people came to 101 %).
    public func exactShare(of seconds: Double) -> Double { totalSec > 0 ? seconds / totalSec : 0 }
}
