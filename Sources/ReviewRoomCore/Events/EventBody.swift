/// What an event says: its wire `name` and `data` (PROTOCOL.md §3.2, the table of `data` by event name).
public enum EventBody: Equatable, Sendable {
    /// `clock.changed` `{"clock": CLOCK}`
    case clockChanged(Clock)
    /// `floor.changed` `{"floor": FLOOR}`
    case floorChanged(Floor)
    /// `prompts.changed` `{"prompts": PROMPTS}`
    case promptsChanged(Prompts)
    /// `clock.warning` `{"phase", "remainingSec"}`
    case clockWarning(phase: Int, remainingSec: Double)
    /// `clock.timeUp` `{"phase"}`
    case clockTimeUp(phase: Int)
    /// `floor.timeUp` `{"participant"}`
    case floorTimeUp(participant: String)
    /// `participant.changed` `{"participants": [{id, name, role}]}`; the server adds each `online`.
    case participantChanged([Participant])
    /// `session.changed` `{"title", "focus", "startsAt", "timeZone", "agenda", "prompts"}`
    case sessionChanged(SessionChange)

    /// The wire event name.
    public var name: String {
        switch self {
        case .clockChanged: "clock.changed"
        case .floorChanged: "floor.changed"
        case .promptsChanged: "prompts.changed"
        case .clockWarning: "clock.warning"
        case .clockTimeUp: "clock.timeUp"
        case .floorTimeUp: "floor.timeUp"
        case .participantChanged: "participant.changed"
        case .sessionChanged: "session.changed"
        }
    }
}
