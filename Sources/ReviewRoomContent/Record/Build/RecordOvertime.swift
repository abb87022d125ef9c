import ReviewRoomCore

/// The overtime a phase run actually had (pure): the time its clock showed past the end in
/// force, summed over the stretches between clock changes. An extension given once the phase
/// was already over its end does not undo the overtime before it (a phase 30 s over, then
/// given +2 min, ran 30 s of overtime).
enum RecordOvertime {
    /// Seconds of overtime in `run`, from the `clock.changed` events of `clocks` that belong to
    /// it (same phase and phase start); never less than the time past its final length.
    static func seconds(_ run: PhaseRun, clocks: [(at: Timestamp, clock: Clock)]) -> Double {
        let pastFinalEnd = max(0, run.actualSec - run.durationSec)
        let own = clocks.filter {
            $0.clock.phase == run.phase && $0.clock.phaseStartedAt == run.startedAt
                && $0.clock.status.isUnderway && $0.at <= run.endedAt
        }
        var milliseconds: Int64 = 0
        for (index, change) in own.enumerated() {
            let end = index + 1 < own.count ? own[index + 1].at : run.endedAt
            let clock = change.clock
            let overAtEnd = max(0, clock.elapsedMs(at: end) - clock.durationMs)
            let overAtStart = max(0, clock.elapsedMs(at: change.at) - clock.durationMs)
            milliseconds += max(0, overAtEnd - overAtStart)
        }
        return max(pastFinalEnd, Double(milliseconds) / 1000)
    }

    /// The clock of every `clock.changed` in `events`, with its time, in log order.
    static func clocks(_ events: [LoggedEvent]) -> [(at: Timestamp, clock: Clock)] {
        events.compactMap { logged in
            if case .clockChanged(let clock) = logged.event.body { return (logged.event.at, clock) }
            return nil
        }
    }
}
