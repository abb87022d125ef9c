/// One stretch of a phase as it was run, for the record: planned against actual.
///
/// A phase visited twice (after `phase.prev`) has two runs.
public struct PhaseRun: Codable, Equatable, Sendable {
    /// Index into the agenda.
    public var phase: Int
    /// The agenda's planned length in seconds.
    public var plannedSec: Double
    /// Planned length plus extensions, as the clock showed at the end.
    public var durationSec: Double
    /// Running time actually spent in the phase (paused time excluded).
    public var actualSec: Double
    /// When the phase started.
    public var startedAt: Timestamp
    /// When the session left the phase (or ended).
    public var endedAt: Timestamp

    /// Creates a phase run.
    public init(phase: Int, plannedSec: Double, durationSec: Double, actualSec: Double,
                startedAt: Timestamp, endedAt: Timestamp) {
        self.phase = phase
        self.plannedSec = plannedSec
        self.durationSec = durationSec
        self.actualSec = actualSec
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
