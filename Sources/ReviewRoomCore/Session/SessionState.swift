/// A whole review session as the core sees it: a value with no I/O.
///
/// Change it only through ``apply(_:by:at:)`` (client commands), ``apply(_:at:)-(ParticipantChange,_)``
/// and ``apply(_:at:)-(SessionEdit,_)`` (server changes) and ``tick(at:)`` (time passing). Each returns
/// the events it caused, and the state is exactly what ``replay(_:)`` of those events makes
/// of the previous state — so ``replaying(_:onto:)`` of the stored events rebuilds it.
public struct SessionState: Codable, Equatable, Sendable {
    /// Scheduling facts.
    public internal(set) var info: SessionInfo
    /// The phases, in order.
    public internal(set) var agenda: [Phase]
    /// Everyone invited, in invitation order.
    public internal(set) var participants: [Participant]
    /// The note buffers (ids and titles).
    public internal(set) var notes: [NoteHeading]
    /// The clock as of the last change.
    public internal(set) var clock: Clock
    /// The floor as of the last change.
    public internal(set) var floor: Floor
    /// The question deck and its state.
    public internal(set) var prompts: Prompts
    /// The phases as run so far, for the record (the current phase is added when it is left).
    public internal(set) var phaseRuns: [PhaseRun]
    /// Whether `clock.warning` has fired for the current stretch below 60 s.
    var warned: Bool
    /// Whether `clock.timeUp` has fired for the current phase (and no extension lifted it since).
    var timeUpFired: Bool
    /// Whether `floor.timeUp` has fired for the current turn.
    var turnTimeUpFired: Bool
    /// Since when the clock has been paused (nil while it runs). Optional in the coding, as
    /// snapshots from before it was kept lack it.
    var clockPausedSince: Timestamp?
    /// Milliseconds the clock was paused during the current turn, over pauses already ended
    /// (nil: none): a pause is not speaking time (``pausedMs(inTurnUntil:)``).
    var turnPausedMs: Int64?
    /// When the current turn's deadline was last set, if that was during the current pause
    /// (nil otherwise): a deadline set while paused starts running only at the resume
    /// (``floorWithTurnDeadlineMovedPastThePause(resumingAt:)``).
    var turnDeadlineSetWhilePausedAt: Timestamp?

    /// Creates a session not started yet. The agenda and deck are taken as given; check
    /// them first with ``validate(agenda:)`` and ``validate(deck:)``.
    public init(info: SessionInfo, agenda: [Phase], participants: [Participant],
                notes: [NoteHeading], deck: [Prompt]) {
        self.info = info
        self.agenda = agenda
        self.participants = participants
        self.notes = notes
        self.clock = .scheduled(firstPhaseMs: agenda.first?.durationMs ?? 0)
        self.floor = Floor(mode: agenda.first?.turnMode ?? .open)
        self.prompts = Prompts(deck: deck)
        self.phaseRuns = []
        self.warned = false
        self.timeUpFired = false
        self.turnTimeUpFired = false
    }

    /// The participant with `id`, if invited.
    public func participant(_ id: String) -> Participant? { participants.first { $0.id == id } }

    /// Whether the session has ended (every state-changing command is then `session_ended`).
    public var isEnded: Bool { clock.status == .ended }

    /// A human description of a phase index for messages: `phase 2 ("Evidence")`.
    func describePhase(_ index: Int) -> String {
        agenda.indices.contains(index) ? "phase \(index) (\"\(agenda[index].title)\")" : "phase \(index)"
    }
}
