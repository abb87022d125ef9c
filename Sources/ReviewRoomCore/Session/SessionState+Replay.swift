extension SessionState {
    /// Rebuilds a session by replaying `events` in order onto `initial`.
    public static func replaying(_ events: [Event], onto initial: SessionState) -> SessionState {
        var state = initial
        for event in events { state.replay(event) }
        return state
    }

    /// Applies one event: the only place where the state changes.
    ///
    /// Bookkeeping that is not on the wire follows from the events themselves: leaving a
    /// phase records a ``PhaseRun``; `clock.warning`, `clock.timeUp` and `floor.timeUp`
    /// mark what has fired so that a tick does not fire it twice.
    public mutating func replay(_ event: Event) {
        let at = event.at
        trackPauses(event.body, at: at)
        switch event.body {
        case .clockChanged(let new):
            let old = clock
            let samePhase = new.phase == old.phase && new.phaseStartedAt == old.phaseStartedAt
            if old.status.isUnderway, let startedAt = old.phaseStartedAt, !samePhase || new.status == .ended {
                // A phase advanced by its deadline ended then, however late the tick that
                // noticed it (the next one starts at that deadline).
                var endedAt = at
                if !samePhase, let next = new.phaseStartedAt { endedAt = min(at, max(startedAt, next)) }
                phaseRuns.append(PhaseRun(
                    phase: old.phase,
                    plannedSec: agenda.indices.contains(old.phase) ? agenda[old.phase].durationSec : 0,
                    durationSec: Milliseconds.seconds(old.durationMs),
                    actualSec: Milliseconds.seconds(old.elapsedMs(at: endedAt)),
                    startedAt: startedAt, endedAt: endedAt))
            }
            let remaining = new.remainingMs(at: at)
            warned = warned && samePhase && remaining <= 60_000
            timeUpFired = timeUpFired && samePhase && remaining <= 0
            clock = new
            // `lobby` is computed, never stored (a PATCH's `clock.changed` may carry it).
            if clock.status == .lobby { clock.status = .scheduled }
        case .floorChanged(let new):
            turnTimeUpFired = turnTimeUpFired && new.speaker == floor.speaker
                && new.since == floor.since && new.turnEndsAt == floor.turnEndsAt
            floor = new
        case .promptsChanged(let new):
            prompts = new
        case .clockWarning:
            warned = true
        case .clockTimeUp:
            timeUpFired = true
        case .floorTimeUp:
            turnTimeUpFired = true
        case .participantChanged(let list):
            participants = list
        case .sessionChanged(let change):
            info.title = change.title
            info.focus = change.focus
            info.startsAt = change.startsAt
            info.timeZone = change.timeZone
            agenda = change.agenda
            prompts = change.prompts
        }
    }
}
