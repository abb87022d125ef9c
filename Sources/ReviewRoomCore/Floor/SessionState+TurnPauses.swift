// A clock pause stops the turn as well as the phase: a facilitator who pauses for a fire
// alarm or a dropped call does not want a round to run through an empty room, nor the
// speaker's time to run out meanwhile. While paused, no `floor.timeUp` fires; the resume
// moves the turn's deadline on by the time it stood paused (a `floor.changed` after the
// `clock.changed`), and the speaker's `spokenSec` leaves the pause out.
extension SessionState {
    /// Whether the current turn's deadline can fire now: a timed turn whose time-up has not
    /// fired, while the clock is not paused.
    var turnTimerRuns: Bool {
        floor.speaker != nil && floor.turnEndsAt != nil && !turnTimeUpFired && clock.status != .paused
    }

    /// The floor with the running turn's deadline moved on by the time the clock stood
    /// paused since the deadline was set, for a resume at `now`; nil when no timed turn is
    /// waiting on the pause (none, untimed, already timed out, or no time passed).
    func floorWithTurnDeadlineMovedPastThePause(resumingAt now: Timestamp) -> Floor? {
        guard clock.status == .paused, floor.speaker != nil, !turnTimeUpFired,
              let turnEndsAt = floor.turnEndsAt, let pausedSince = clockPausedSince else { return nil }
        let stoodSince = max(pausedSince, turnDeadlineSetWhilePausedAt ?? floor.since ?? pausedSince)
        let stood = Milliseconds.between(stoodSince, now)
        guard stood > 0 else { return nil }
        var moved = floor
        moved.turnEndsAt = Milliseconds.add(stood, to: turnEndsAt)
        return moved
    }

    /// Milliseconds the clock was paused during the current turn, up to `end` (what ending
    /// the turn at `end` would leave out of the speaker's `spokenMs`; the record reads it to
    /// count a running turn the same way).
    public func pausedMs(inTurnUntil end: Timestamp) -> Int64 {
        guard floor.speaker != nil, let since = floor.since else { return 0 }
        var paused = turnPausedMs ?? 0
        if clock.status == .paused, let pausedSince = clockPausedSince {
            paused += max(0, Milliseconds.between(max(pausedSince, since), end))
        }
        return min(paused, max(0, Milliseconds.between(since, end)))
    }

    /// `body`, with the paused time of the turn it ends taken out of the speaker's total.
    func leavingPausesOut(of body: EventBody) -> EventBody {
        guard case .floorChanged(var next) = body, let speaker = floor.speaker, let since = floor.since,
              next.speaker != speaker || next.since != since, let spoken = next.spokenMs[speaker] else { return body }
        // What ending the turn added tells when it ended: `now`, or a deadline a late tick
        // caught up with (a round's last turn ends there with nobody after it).
        let added = spoken - (floor.spokenMs[speaker] ?? 0)
        let paused = min(added, pausedMs(inTurnUntil: Milliseconds.add(added, to: since)))
        guard paused > 0 else { return body }
        next.spokenMs[speaker] = spoken - paused
        return .floorChanged(next)
    }

    /// Keeps the pause bookkeeping as a clock or floor change is replayed at `at`.
    mutating func trackPauses(_ body: EventBody, at: Timestamp) {
        switch body {
        case .clockChanged(let new):
            if clock.status != .paused, new.status == .paused {
                clockPausedSince = at
            } else if clock.status == .paused, new.status != .paused {
                if let pausedSince = clockPausedSince, floor.speaker != nil, let since = floor.since {
                    turnPausedMs = (turnPausedMs ?? 0) + max(0, Milliseconds.between(max(pausedSince, since), at))
                }
                clockPausedSince = nil
                turnDeadlineSetWhilePausedAt = nil
            }
        case .floorChanged(let new):
            if new.speaker != floor.speaker || new.since != floor.since { turnPausedMs = nil }
            if clock.status == .paused, new.turnEndsAt != floor.turnEndsAt || new.since != floor.since {
                turnDeadlineSetWhilePausedAt = at
            }
        default:
            break
        }
    }
}
