// Speaking time leaves out clock pauses: a facilitator who pauses for a break or a technical
// problem while someone holds the floor does not credit them with the break. Turn deadlines
// still run on wall time (SessionRules.md); only `spokenSec` changes.
extension SessionState {
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
            }
        case .floorChanged(let new):
            if new.speaker != floor.speaker || new.since != floor.since { turnPausedMs = nil }
        default:
            break
        }
    }
}
