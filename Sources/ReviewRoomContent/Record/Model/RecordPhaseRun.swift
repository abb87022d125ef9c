import ReviewRoomCore

/// One stretch of a phase as run.
public struct RecordPhaseRun: Codable, Equatable, Sendable {
    /// When it started.
    public var startedAt: Timestamp
    /// When the session left it (or the record was made, for the current phase).
    public var endedAt: Timestamp
    /// Start in the display time zone.
    public var startedAtLocal: String
    /// End in the display time zone.
    public var endedAtLocal: String
    /// Planned length plus extensions, in seconds.
    public var durationSec: Double
    /// Extensions added (negative when shortened): `durationSec − planned`.
    public var extendedSec: Double
    /// Running time spent (paused time excluded), in seconds.
    public var actualSec: Double
    /// Time the clock was paused during the run, in seconds: from ``startedAt`` to ``endedAt``
    /// is ``actualSec`` plus this.
    public var pausedSec: Double
    /// Overtime actually run, in seconds: the time past the end in force, summed over the
    /// run, so an extension given once it was over does not erase the overtime before it
    /// (0 when it never ran past its end).
    public var overtimeSec: Double
    /// Whether this is the phase still running when the record was made.
    public var current: Bool
}
