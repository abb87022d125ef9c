/// What happens when a phase's time is up (`onTimeUp` on the wire).
public enum TimeUpAction: String, Codable, Sendable, CaseIterable {
    /// The phase goes on and the clock shows overtime (negative `remainingSec`).
    case overtime
    /// The session moves to the next phase by itself (at the last phase: overtime).
    case advance
}
