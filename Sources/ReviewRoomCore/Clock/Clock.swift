/// The session clock: which phase is running and how much of it is left.
///
/// The value is complete: while `live`, the elapsed time at any instant follows from
/// `endsAt` and `durationMs`, so events carrying a `Clock` rebuild it exactly.
/// `elapsedMs` is the elapsed time as of the instant the value was made (the event's `at`);
/// ask ``at(_:)`` for the value at another instant.
public struct Clock: Equatable, Sendable {
    /// Stored status (`scheduled`, `live`, `paused` or `ended`; `lobby` only in values from ``at(_:)``).
    public var status: ClockStatus
    /// 0-based index into the agenda.
    public var phase: Int
    /// When the current phase started (nil before the session starts).
    public var phaseStartedAt: Timestamp?
    /// The phase's planned length plus extensions, in milliseconds.
    public var durationMs: Int64
    /// Running time spent in the phase, in milliseconds, as of this value.
    public var elapsedMs: Int64
    /// When the phase's time is up, only while `live`.
    public var endsAt: Timestamp?

    /// Creates a clock value.
    public init(status: ClockStatus, phase: Int, phaseStartedAt: Timestamp?, durationMs: Int64,
                elapsedMs: Int64, endsAt: Timestamp?) {
        self.status = status
        self.phase = phase
        self.phaseStartedAt = phaseStartedAt
        self.durationMs = durationMs
        self.elapsedMs = elapsedMs
        self.endsAt = endsAt
    }

    /// The clock of a session not started yet, showing the first phase's planned length.
    static func scheduled(firstPhaseMs: Int64) -> Clock {
        Clock(status: .scheduled, phase: 0, phaseStartedAt: nil, durationMs: firstPhaseMs, elapsedMs: 0, endsAt: nil)
    }

    /// A running clock for a phase that starts at `instant`.
    static func running(phase: Int, durationMs: Int64, from instant: Timestamp) -> Clock {
        Clock(status: .live, phase: phase, phaseStartedAt: instant, durationMs: durationMs, elapsedMs: 0,
              endsAt: Milliseconds.add(durationMs, to: instant))
    }

    /// Running time spent in the phase at `instant`, in milliseconds (never negative).
    public func elapsedMs(at instant: Timestamp) -> Int64 {
        guard status == .live, let endsAt else { return elapsedMs }
        return max(0, durationMs - Milliseconds.between(instant, endsAt))
    }

    /// Milliseconds left at `instant`; negative in overtime.
    public func remainingMs(at instant: Timestamp) -> Int64 { durationMs - elapsedMs(at: instant) }

    /// Milliseconds left as of this value; negative in overtime.
    public var remainingMs: Int64 { durationMs - elapsedMs }

    /// This clock as seen at `instant`: elapsed time brought up to date.
    public func at(_ instant: Timestamp) -> Clock {
        var copy = self
        copy.elapsedMs = elapsedMs(at: instant)
        return copy
    }
}
