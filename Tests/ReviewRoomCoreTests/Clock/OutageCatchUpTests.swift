import Testing
@testable import ReviewRoomCore

/// A tick that comes late — the daemon was down while deadlines passed — catches up as if each
/// deadline had been ticked on time: what a deadline starts starts at that deadline, only the
/// events' `at` is the late tick's instant.
@Suite struct OutageCatchUpTests {
    /// Phases of 5 s and 8 s that advance, then one of 65 s (the audit's agenda).
    static let agenda = [
        Phase(id: "a", title: "Warm-up", kind: .briefing, durationSec: 5, turnMode: .open, onTimeUp: .advance),
        Phase(id: "b", title: "Round", kind: .round, durationSec: 8, turnMode: .queue, onTimeUp: .advance),
        Phase(id: "c", title: "Discussion", kind: .discussion, durationSec: 65, turnMode: .open, onTimeUp: .overtime),
    ]

    static func started() -> (state: SessionState, events: [Event]) {
        var state = SessionFixture.session(agenda: agenda)
        let events = state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        return (state, events)
    }

    @Test func anOutageOverOnePhaseEndStartsTheNextPhaseAtThatEnd() {
        var (state, _) = Self.started()
        // Down from +2 s to +10 s: phase 0 ended at +5 s.
        #expect(state.tick(at: SessionFixture.at(2)).isEmpty)
        let events = state.tick(at: SessionFixture.at(10))
        #expect(events.map(\.name) == ["clock.timeUp", "clock.changed", "floor.changed"])
        #expect(events.first?.body == .clockTimeUp(phase: 0))
        #expect(events.allSatisfy { $0.at == SessionFixture.at(10) })
        #expect(state.clock.phase == 1)
        #expect(state.clock.phaseStartedAt == SessionFixture.at(5))
        #expect(state.clock.endsAt == SessionFixture.at(13))
        #expect(state.clock.remainingMs(at: SessionFixture.at(10)) == 3_000)
        #expect(state.floor.mode == .queue)
        #expect(state.phaseRuns.map(\.actualSec) == [5])
        #expect(state.phaseRuns.map(\.endedAt) == [SessionFixture.at(5)])
        #expect(state.nextDeadline == SessionFixture.at(13))
    }

    @Test func anOutageOverSeveralPhasesCatchesUpThroughEachOnItsOwnDeadline() throws {
        var (state, log) = Self.started()
        let initial = SessionFixture.session(agenda: Self.agenda)
        // Down from +2 s to +22 s (audit: downtime.py 20 kill): phase 0 ended at +5 s, phase 1
        // at +13 s, so phase 2 has run since +13 s and is 9 s in, with 56 s left.
        let events = state.tick(at: SessionFixture.at(22))
        log += events
        #expect(events.map(\.name) == ["clock.timeUp", "clock.changed", "floor.changed",
                                       "clock.timeUp", "clock.changed", "floor.changed", "clock.warning"])
        let starts = events.compactMap { event -> Timestamp? in
            if case .clockChanged(let clock) = event.body { return clock.phaseStartedAt } else { return nil }
        }
        #expect(starts == [SessionFixture.at(5), SessionFixture.at(13)])
        #expect(events.last?.body == .clockWarning(phase: 2, remainingSec: 56))
        #expect(events.allSatisfy { $0.at == SessionFixture.at(22) })
        #expect(state.clock.phase == 2)
        #expect(state.clock.phaseStartedAt == SessionFixture.at(13))
        #expect(state.clock.endsAt == SessionFixture.at(78))
        #expect(state.phaseRuns.map(\.phase) == [0, 1])
        #expect(state.phaseRuns.map(\.actualSec) == [5, 8])
        #expect(state.phaseRuns.map(\.endedAt) == [SessionFixture.at(5), SessionFixture.at(13)])
        // The log rebuilds the same state, from the start and through JSON.
        #expect(SessionState.replaying(log, onto: initial) == state)
        let stored = try log.map { try EncodedJSON.decode(Event.self, from: EncodedJSON.string($0)) }
        #expect(SessionState.replaying(stored, onto: initial) == state)
        // Nothing else is due until phase 2 ends at +78 s.
        #expect(state.nextDeadline == SessionFixture.at(78))
        #expect(state.tick(at: SessionFixture.at(22)).isEmpty)
    }

    @Test func aTickOnTimeStartsTheNextPhaseAtTheDeadlineAsBefore() {
        var (state, _) = Self.started()
        let events = state.tick(at: SessionFixture.at(5))
        #expect(events.map(\.name) == ["clock.timeUp", "clock.changed", "floor.changed"])
        #expect(state.clock.phaseStartedAt == SessionFixture.at(5))
        #expect(state.clock.endsAt == SessionFixture.at(13))
    }

    @Test func anOutageOverRoundTurnsHandsTheFloorOnAtEachTurnsEnd() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(0))
        state.ok(.roundStart(secondsEach: 20), by: "f1", at: SessionFixture.at(0))
        // Down from +5 s to +45 s: r1's turn ended at +20 s, r2's at +40 s; h1 speaks since +40 s.
        let events = state.tick(at: SessionFixture.at(45))
        #expect(events.map(\.name) == ["floor.timeUp", "floor.changed", "floor.timeUp", "floor.changed"])
        #expect(events.compactMap { if case .floorTimeUp(let who) = $0.body { who } else { nil } } == ["r1", "r2"])
        #expect(events.allSatisfy { $0.at == SessionFixture.at(45) })
        #expect(state.floor.speaker == "h1")
        #expect(state.floor.since == SessionFixture.at(40))
        #expect(state.floor.turnEndsAt == SessionFixture.at(60))
        #expect(state.floor.spokenMs == ["r1": 20_000, "r2": 20_000])
        #expect(state.nextDeadline == SessionFixture.at(60))
    }

    @Test func aTurnThatEndedBeforeThePhaseIsHandedOnBeforeThePhaseAdvances() throws {
        var state = SessionFixture.started()
        // Phase 1 (300 s, advance) from 0; a round of 60 s turns from +200 s: r1 until +260 s,
        // then r2 — until the phase ends at +300 s.
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(0))
        state.ok(.roundStart(secondsEach: 60), by: "f1", at: SessionFixture.at(200))
        let events = state.tick(at: SessionFixture.at(400))
        #expect(events.map(\.name) == ["floor.timeUp", "floor.changed", "clock.timeUp", "clock.changed", "floor.changed",
                                       "clock.warning"])
        #expect(events.first?.body == .floorTimeUp(participant: "r1"))
        #expect(events.last?.body == .clockWarning(phase: 2, remainingSec: 20))
        #expect(state.clock.phase == 2)
        #expect(state.clock.phaseStartedAt == SessionFixture.at(300))
        #expect(state.floor.speaker == nil)
        #expect(state.floor.round == nil)
        #expect(state.floor.spokenMs == ["r1": 60_000, "r2": 40_000])
    }

    @Test func aFloorTimeUpOutsideARoundStillKeepsTheSpeakerAfterAnOutage() {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1", turnSec: 45), by: "f1", at: SessionFixture.at(10))
        #expect(state.tick(at: SessionFixture.at(200)).map(\.body) == [.floorTimeUp(participant: "r1")])
        #expect(state.floor.speaker == "r1")
        #expect(state.floor.since == SessionFixture.at(10))
    }
}
