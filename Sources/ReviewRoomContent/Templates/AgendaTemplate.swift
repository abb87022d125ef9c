import ReviewRoomCore

/// A built-in agenda template (`GET /api/v1/templates`, `template` in `POST /api/v1/sessions`).
///
/// Encodes as `{id, title, description, phases}`; each phase carries a `purpose` line that
/// participants see under the clock.
public struct AgendaTemplate: Codable, Equatable, Sendable {
    /// Stable id, e.g. `rapid-remote-90`.
    public var id: String
    /// Title shown to facilitators.
    public var title: String
    /// One or two sentences on when to use it.
    public var description: String
    /// The phases, in order (each with a purpose line shown to participants).
    public var phases: [Phase]

    /// Creates a template.
    public init(id: String, title: String, description: String, phases: [Phase]) {
        self.id = id; self.title = title; self.description = description; self.phases = phases
    }

    /// The planned length of the whole agenda, in seconds.
    public var plannedSec: Double { phases.reduce(0) { $0 + $1.durationSec } }
}

extension AgendaTemplate {
    /// A template phase lasting whole `minutes`.
    static func phase(_ id: String, _ title: String, _ kind: PhaseKind, minutes: Int, _ turnMode: TurnMode,
                      _ onTimeUp: TimeUpAction = .overtime, purpose: String) -> Phase {
        Phase(id: id, title: title, kind: kind, durationSec: Double(minutes * 60), turnMode: turnMode,
              onTimeUp: onTimeUp, purpose: purpose)
    }
}
