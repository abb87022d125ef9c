/// How the floor works during a phase (see the SessionRules article).
public enum TurnMode: String, Codable, Sendable, CaseIterable {
    /// Open discussion: nobody needs the floor; hands and grants still work, rounds do not.
    case open
    /// People raise hands and the facilitator gives the floor in queue order.
    case queue
    /// Everyone in a set order gets a timed turn.
    case round
}
