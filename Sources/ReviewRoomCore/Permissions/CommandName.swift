/// Every command type of PROTOCOL.md §3.2. The raw value is the wire `type`.
public enum CommandName: String, Codable, Sendable, CaseIterable {
    /// `ping`
    case ping
    /// `session.start`
    case sessionStart = "session.start"
    /// `session.end`
    case sessionEnd = "session.end"
    /// `clock.pause`
    case clockPause = "clock.pause"
    /// `clock.resume`
    case clockResume = "clock.resume"
    /// `clock.extend`
    case clockExtend = "clock.extend"
    /// `phase.next`
    case phaseNext = "phase.next"
    /// `phase.prev`
    case phasePrev = "phase.prev"
    /// `phase.goto`
    case phaseGoto = "phase.goto"
    /// `hand.raise`
    case handRaise = "hand.raise"
    /// `hand.lower`
    case handLower = "hand.lower"
    /// `floor.grant`
    case floorGrant = "floor.grant"
    /// `floor.next`
    case floorNext = "floor.next"
    /// `floor.release`
    case floorRelease = "floor.release"
    /// `round.start`
    case roundStart = "round.start"
    /// `round.pass`
    case roundPass = "round.pass"
    /// `round.stop`
    case roundStop = "round.stop"
    /// `prompt.show`
    case promptShow = "prompt.show"
    /// `prompt.hide`
    case promptHide = "prompt.hide"
    /// `prompt.discussed`
    case promptDiscussed = "prompt.discussed"
    /// `prompt.add`
    case promptAdd = "prompt.add"
    /// `note.edit`
    case noteEdit = "note.edit"
    /// `note.get`
    case noteGet = "note.get"
    /// `note.cursor`
    case noteCursor = "note.cursor"
    /// `signal`
    case signal

    /// Whether the command can change the session (everything but `ping`, `note.get`,
    /// `note.cursor` and `signal`). After the end these are `session_ended`.
    public var changesState: Bool {
        switch self {
        case .ping, .noteGet, .noteCursor, .signal: false
        default: true
        }
    }
}
