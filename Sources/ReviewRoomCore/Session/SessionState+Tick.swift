extension SessionState {
    /// How many rounds of due events one tick may produce; each round moves a deadline
    /// past `now`, so a handful always suffices.
    private static let maxTickSteps = 16
    /// A `clock.warning` that fires with more than this many milliseconds left fired on time
    /// (its timer woke a little late) and says 60 s.
    private static let warningLateTolerance: Int64 = 59_000

    /// Lets time pass up to `now` and returns the server-timed events that fell due:
    /// the `autoStart` start, `clock.warning`, `clock.timeUp` (and the advance for
    /// `onTimeUp: advance`), `floor.timeUp` (and the next person in a round).
    public mutating func tick(at now: Timestamp) -> [Event] {
        var events: [Event] = []
        for _ in 0..<Self.maxTickSteps {
            let due = dueEvents(at: now)
            if due.isEmpty { break }
            events += commit(due, at: now)
        }
        return events
    }

    /// When the next server-timed event falls due, if any: the caller ticks then.
    public var nextDeadline: Timestamp? {
        var candidates: [Timestamp] = []
        if clock.status == .scheduled, info.autoStart, !agenda.isEmpty {
            candidates.append(info.startsAt)
        }
        if clock.status == .live, let endsAt = clock.endsAt, !timeUpFired {
            if !warned, clock.durationMs > 60_000 {
                candidates.append(Milliseconds.add(-60_000, to: endsAt))
            }
            candidates.append(endsAt)
        }
        if turnTimerRuns, let turnEndsAt = floor.turnEndsAt {
            candidates.append(turnEndsAt)
        }
        return candidates.min()
    }

    /// What fell due by `now`, one deadline at a time (the earliest first, so that a tick late
    /// by an outage catches up in order). What a deadline starts — the next phase of an
    /// `advance`, the next turn of a round — starts at that deadline, not at `now`: the agenda
    /// keeps its wall-time schedule across a daemon restart (SessionRules.md, "Server-timed events").
    private func dueEvents(at now: Timestamp) -> [EventBody] {
        if clock.status == .scheduled, info.autoStart, now >= info.startsAt, let first = agenda.first {
            return startEvents(first: first, at: now)
        }
        let turnDue = turnTimerRuns && floor.turnEndsAt.map { now >= $0 } == true
        if clock.status == .live {
            let remaining = clock.remainingMs(at: now)
            if !warned, !timeUpFired, clock.durationMs > 60_000, remaining > 0, remaining <= 60_000 {
                // The timer wakes a millisecond or two after the line: that is still the
                // 60-second warning, not one at 59.999 s. Later than a second (an outage, a
                // negative extension across the line) the time actually left is given.
                let shown = remaining > Self.warningLateTolerance ? 60_000 : remaining
                return [.clockWarning(phase: clock.phase, remainingSec: Milliseconds.seconds(shown))]
            }
            // A turn that ended before the phase did is dealt with first.
            let turnFirst = turnDue && floor.turnEndsAt.map { turnEnd in clock.endsAt.map { turnEnd < $0 } == true } == true
            if !timeUpFired, remaining <= 0, !turnFirst, let endedAt = clock.endsAt {
                let advance = clock.phase + 1 < agenda.count && agenda[clock.phase].onTimeUp == .advance
                var next = advance ? phaseChange(to: clock.phase + 1, at: endedAt) : []
                // The next phase started at the deadline, but an event's clock is as of its `at`.
                if case .clockChanged(let started)? = next.first { next[0] = .clockChanged(started.at(now)) }
                return [.clockTimeUp(phase: clock.phase)] + next
            }
        }
        if turnDue, let speaker = floor.speaker, let turnEndsAt = floor.turnEndsAt {
            guard floor.round != nil else { return [.floorTimeUp(participant: speaker)] }
            var newFloor = floor
            newFloor.advanceRound(at: turnEndsAt, passing: false)
            return [.floorTimeUp(participant: speaker), .floorChanged(newFloor)]
        }
        return []
    }
}
