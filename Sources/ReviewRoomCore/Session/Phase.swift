/// One phase of the agenda. Encodes as `{id, title, kind, durationSec, turnMode, onTimeUp, prompts}`.
public struct Phase: Codable, Equatable, Sendable {
    /// Opaque phase id.
    public var id: String
    /// Title shown on the clock.
    public var title: String
    /// What kind of activity it is.
    public var kind: PhaseKind
    /// Planned length in seconds (positive).
    public var durationSec: Double
    /// How the floor works during it.
    public var turnMode: TurnMode
    /// What happens when its time is up.
    public var onTimeUp: TimeUpAction
    /// Ids of the prompts (enquiry questions) it uses.
    public var prompts: [String]

    /// Creates a phase.
    public init(id: String, title: String, kind: PhaseKind, durationSec: Double,
                turnMode: TurnMode, onTimeUp: TimeUpAction, prompts: [String] = []) {
        self.id = id
        self.title = title
        self.kind = kind
        self.durationSec = durationSec
        self.turnMode = turnMode
        self.onTimeUp = onTimeUp
        self.prompts = prompts
    }

    /// The planned length in whole milliseconds.
    var durationMs: Int64 { Milliseconds.from(seconds: durationSec) }
}
