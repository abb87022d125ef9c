extension SessionState {
    /// The agenda as run up to `now`, for the record: every finished ``PhaseRun`` and,
    /// while the session is underway, the current phase so far (ending at `now`).
    public func phaseRuns(at now: Timestamp) -> [PhaseRun] {
        guard clock.status.isUnderway, let startedAt = clock.phaseStartedAt,
              agenda.indices.contains(clock.phase) else { return phaseRuns }
        return phaseRuns + [PhaseRun(
            phase: clock.phase, plannedSec: agenda[clock.phase].durationSec,
            durationSec: Milliseconds.seconds(clock.durationMs),
            actualSec: Milliseconds.seconds(clock.elapsedMs(at: now)), startedAt: startedAt, endedAt: now)]
    }
}
