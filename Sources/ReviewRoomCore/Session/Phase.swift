/// One phase of the agenda. Encodes as `{id, title, kind, durationSec, turnMode, onTimeUp, prompts}`,
/// plus `purpose` when it has one.
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
    /// A one-line purpose shown to participants (templates set it); encoded only when present.
    public var purpose: String?

    /// Creates a phase.
    public init(id: String, title: String, kind: PhaseKind, durationSec: Double,
                turnMode: TurnMode, onTimeUp: TimeUpAction, prompts: [String] = [], purpose: String? = nil) {
        self.id = id
        self.title = title
        self.kind = kind
        self.durationSec = durationSec
        self.turnMode = turnMode
        self.onTimeUp = onTimeUp
        self.prompts = prompts
        self.purpose = purpose
    }

    /// The planned length in whole milliseconds.
    var durationMs: Int64 { Milliseconds.from(seconds: durationSec) }
}
