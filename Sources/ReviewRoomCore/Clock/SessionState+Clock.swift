extension SessionState {
    /// Longest extension either way, in seconds (PROTOCOL.md §3.2).
    static let maxExtensionSec: Double = 3600

    func decideStart(at now: Timestamp) throws(CommandError) -> [EventBody] {
        guard clock.status == .scheduled else { return [] }
        guard let first = agenda.first else {
            throw .invalidState("session \(info.id) has no phases in its agenda: there is nothing to start")
        }
        return startEvents(first: first, at: now)
    }

    /// Starting: phase 0 runs from `now`. (The floor needs no change: until the start it is
    /// empty and already in the first phase's mode.)
    func startEvents(first: Phase, at now: Timestamp) -> [EventBody] {
        [.clockChanged(.running(phase: 0, durationMs: first.durationMs, from: now))]
    }

    func decideEnd(at now: Timestamp) -> [EventBody] {
        var newClock = clock.at(now)
        newClock.status = .ended
        newClock.endsAt = nil
        var newFloor = floor
        newFloor.reset(at: now, mode: floor.mode)
        return [.clockChanged(newClock)] + (newFloor == floor ? [] : [.floorChanged(newFloor)])
    }

    func decidePause(at now: Timestamp) throws(CommandError) -> [EventBody] {
        try requireUnderway("clock.pause")
        guard clock.status == .live else { return [] }
        var newClock = clock.at(now)
        newClock.status = .paused
        newClock.endsAt = nil
        return [.clockChanged(newClock)]
    }

    func decideResume(at now: Timestamp) throws(CommandError) -> [EventBody] {
        try requireUnderway("clock.resume")
        guard clock.status == .paused else { return [] }
        var newClock = clock
        newClock.status = .live
        newClock.endsAt = Milliseconds.add(clock.remainingMs, to: now)
        let movedFloor = floorWithTurnDeadlineMovedPastThePause(resumingAt: now)
        return [.clockChanged(newClock)] + (movedFloor.map { [.floorChanged($0)] } ?? [])
    }

    /// A negative extension never makes overtime: it can at most bring the phase's end to
    /// now (remaining 0, time-up at the next tick). In overtime it is `invalid_state`. A positive
    /// one adds exactly what was asked, in overtime too (`durationSec` stays the planned length
    /// plus the extensions): +10 s at 45 s over leaves the phase 35 s over, its time-up not
    /// said again.
    func decideExtend(seconds: Double, onlyIn phase: Int? = nil, at now: Timestamp) throws(CommandError) -> [EventBody] {
        guard seconds.isFinite, abs(seconds) >= 0.001, abs(seconds) <= Self.maxExtensionSec,
              case let delta = Milliseconds.from(seconds: seconds), delta != 0 else {
            let why = Milliseconds.roundsToZero(seconds) ? "rounds to 0 ms" : "is out of range"
            throw .badRequest("clock.extend seconds \(Milliseconds.shown(seconds: seconds)) \(why): "
                + "it must be non-zero (at least 0.001 either way) and between -3600 and 3600")
        }
        try requirePhaseInAgenda(phase, "clock.extend")
        try requireUnderway("clock.extend")
        if let phase, phase != clock.phase {
            throw .invalidState("clock.extend was meant for \(describePhase(phase)), but \(describePhase(clock.phase)) "
                + "is current now: nothing was changed")
        }
        var newClock = clock.at(now)
        let remaining = newClock.remainingMs
        if delta < 0, remaining <= 0 {
            throw .invalidState("clock.extend \(Milliseconds.shown(seconds: seconds)) cannot shorten \(describePhase(clock.phase)): "
                + "it is already \(Milliseconds.seconds(-remaining)) s into overtime")
        }
        // Only a shortening is capped: `max(delta, -remaining)` for every delta turned a small
        // extension in overtime into "end now" (+1 s at 2 s over added 2 s; an audit).
        newClock.durationMs += delta < 0 ? max(delta, -remaining) : delta
        if newClock.status == .live {
            newClock.endsAt = Milliseconds.add(newClock.remainingMs, to: now)
        }
        return [.clockChanged(newClock)]
    }

    func decidePhaseNext(from meant: Int? = nil, at now: Timestamp) throws(CommandError) -> [EventBody] {
        try requirePhaseInAgenda(meant, "phase.next")
        try requireUnderway("phase.next")
        try requirePhase(meant, "phase.next")
        guard clock.phase + 1 < agenda.count else {
            throw .invalidState("phase.next at the last phase: \(describePhase(clock.phase)) "
                + "is the last of \(agenda.count)")
        }
        return phaseChange(to: clock.phase + 1, at: now)
    }

    func decidePhasePrev(from meant: Int? = nil, at now: Timestamp) throws(CommandError) -> [EventBody] {
        try requirePhaseInAgenda(meant, "phase.prev")
        try requireUnderway("phase.prev")
        try requirePhase(meant, "phase.prev")
        guard clock.phase > 0 else {
            throw .invalidState("phase.prev at the first phase: there is no phase before \(describePhase(0))")
        }
        return phaseChange(to: clock.phase - 1, at: now)
    }

    /// The `phase` a command is meant for (when given) is one of the agenda's: a phase that
    /// cannot exist is bad input, checked before the state, as `phase.goto`'s `index` is; it was
    /// `invalid_state` ("was meant for phase -5"), which reads as a race with another facilitator.
    private func requirePhaseInAgenda(_ phase: Int?, _ command: String) throws(CommandError) {
        guard let phase, !agenda.indices.contains(phase) else { return }
        throw .badRequest("\(command) phase \(phase) is out of range: the agenda has \(agenda.count) phases")
    }

    /// A phase move meant to start from phase `meant` (when given) while another is current:
    /// someone else moved the room first, and moving on from there would skip a phase.
    private func requirePhase(_ meant: Int?, _ command: String) throws(CommandError) {
        guard let meant, meant != clock.phase else { return }
        throw .invalidState("\(command) was meant to move on from \(describePhase(meant)), but \(describePhase(clock.phase)) "
            + "is current now: nothing was changed")
    }

    func decidePhaseGoto(_ index: Int, from meant: Int? = nil, at now: Timestamp) throws(CommandError) -> [EventBody] {
        guard agenda.indices.contains(index) else {
            throw .badRequest("phase.goto index \(index) is out of range: the agenda has \(agenda.count) phases")
        }
        try requirePhaseInAgenda(meant, "phase.goto")
        // The current phase changes nothing (PROTOCOL §3.5), before the start too: the session
        // is then in its first phase. (After the end the command never gets here.)
        guard index != clock.phase else { return [] }
        try requireUnderway("phase.goto")
        try requirePhase(meant, "phase.goto")
        return phaseChange(to: index, at: now)
    }

    /// Moving to another phase: a fresh phase clock (still paused if it was), and the floor
    /// reset for the new phase (turn ended and counted, round stopped, hands lowered).
    /// `floor.changed` always follows, as PROTOCOL.md §3.2 lists it for every phase move,
    /// even when the reset floor equals the old one.
    func phaseChange(to index: Int, at now: Timestamp) -> [EventBody] {
        let phase = agenda[index]
        var newClock = Clock.running(phase: index, durationMs: phase.durationMs, from: now)
        if clock.status == .paused {
            newClock.status = .paused
            newClock.endsAt = nil
        }
        var newFloor = floor
        newFloor.reset(at: now, mode: phase.turnMode)
        return [.clockChanged(newClock), .floorChanged(newFloor)]
    }

    func requireUnderway(_ command: String) throws(CommandError) {
        guard clock.status.isUnderway else {
            throw .invalidState("\(command) needs a running session: session \(info.id) has not started yet")
        }
    }
}
