import Testing
@testable import ReviewRoomCore

@Suite struct TickTests {
    @Test func warningThenTimeUpThenOvertime() throws {
        var state = SessionFixture.started()
        #expect(state.nextDeadline == SessionFixture.at(540))
        #expect(state.tick(at: SessionFixture.at(539.999)).isEmpty)
        let warning = state.tick(at: SessionFixture.at(540))
        #expect(warning.map(\.body) == [.clockWarning(phase: 0, remainingSec: 60)])
        #expect(state.tick(at: SessionFixture.at(541)).isEmpty)
        #expect(state.nextDeadline == SessionFixture.at(600))
        let timeUp = state.tick(at: SessionFixture.at(600.5))
        #expect(timeUp.map(\.body) == [.clockTimeUp(phase: 0)])
        #expect(state.clock.phase == 0)
        #expect(state.clock.remainingMs(at: SessionFixture.at(610)) == -10_000)
        #expect(state.nextDeadline == nil)
        #expect(state.tick(at: SessionFixture.at(700)).isEmpty)
    }

    /// A black-box probe saw `remainingSec: 59.999` now and then: the timer woke a millisecond
    /// after the line. A warning up to a second late still says 60; later, the time left.
    @Test func aWarningATimerWokeLateForStillSays60() {
        var late = SessionFixture.started()
        #expect(late.tick(at: SessionFixture.at(540.001)).map(\.body) == [.clockWarning(phase: 0, remainingSec: 60)])
        var veryLate = SessionFixture.started()
        #expect(veryLate.tick(at: SessionFixture.at(540.999)).map(\.body) == [.clockWarning(phase: 0, remainingSec: 60)])
        var outage = SessionFixture.started()
        #expect(outage.tick(at: SessionFixture.at(541.5)).map(\.body) == [.clockWarning(phase: 0, remainingSec: 58.5)])
    }

    @Test func warningFiresAgainAfterAnExtensionLiftsTheTime() {
        var state = SessionFixture.started()
        #expect(state.tick(at: SessionFixture.at(550)).count == 1)
        state.ok(.clockExtend(seconds: 30), by: "f1", at: SessionFixture.at(560))
        // 70 s left: above the warning line again.
        #expect(state.nextDeadline == SessionFixture.at(570))
        #expect(state.tick(at: SessionFixture.at(565)).isEmpty)
        #expect(state.tick(at: SessionFixture.at(571)).map(\.body) == [.clockWarning(phase: 0, remainingSec: 59)])
        state.ok(.clockExtend(seconds: 5), by: "f1", at: SessionFixture.at(580))
        #expect(state.tick(at: SessionFixture.at(581)).isEmpty)
    }

    @Test func noWarningForShortPhases() {
        let short = [Phase(id: "a", title: "Quick", kind: .briefing, durationSec: 60, turnMode: .open, onTimeUp: .overtime)]
        var state = SessionFixture.session(agenda: short)
        state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        #expect(state.nextDeadline == SessionFixture.at(60))
        #expect(state.tick(at: SessionFixture.at(30)).isEmpty)
        #expect(state.tick(at: SessionFixture.at(60)).map(\.name) == ["clock.timeUp"])
    }

    @Test func advancePhaseMovesOnByItself() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(0))
        _ = state.tick(at: SessionFixture.at(250))
        let events = state.tick(at: SessionFixture.at(301))
        #expect(events.map(\.name) == ["clock.timeUp", "clock.changed", "floor.changed"])
        #expect(events.allSatisfy { $0.at == SessionFixture.at(301) })
        #expect(state.clock.phase == 2)
        // The tick came a second late: the next phase still starts when this one ended.
        #expect(state.clock.phaseStartedAt == SessionFixture.at(300))
        #expect(state.clock.endsAt == SessionFixture.at(420))
        // The event's clock is as of its `at`: a second of the new phase has gone (Clock's rule).
        guard case .clockChanged(let reported) = events[1].body else { Issue.record("not clock.changed: \(events[1])"); return }
        #expect(reported.elapsedMs == 1_000)
        #expect(reported.remainingMs == 119_000)
        #expect(state.floor.mode == .open)
        #expect(state.phaseRuns.last?.actualSec == 300)
        #expect(state.phaseRuns.last?.endedAt == SessionFixture.at(300))
    }

    @Test func advanceAtTheLastPhaseGoesIntoOvertime() {
        var state = SessionFixture.started()
        state.ok(.phaseGoto(index: 3), by: "f1", at: SessionFixture.at(0))
        #expect(state.tick(at: SessionFixture.at(95)).map(\.name) == ["clock.timeUp"])
        #expect(state.clock.phase == 3)
        #expect(state.clock.status == .live)
        #expect(state.clock.remainingMs(at: SessionFixture.at(95)) == -5_000)
    }

    @Test func pausedClockHasNoDeadline() {
        var state = SessionFixture.started()
        state.ok(.clockPause, by: "f1", at: SessionFixture.at(10))
        #expect(state.nextDeadline == nil)
        #expect(state.tick(at: SessionFixture.at(5000)).isEmpty)
    }

    @Test func autoStartStartsAtStartsAt() {
        var state = SessionFixture.session(autoStart: true)
        #expect(state.nextDeadline == SessionFixture.startsAt)
        #expect(state.tick(at: SessionFixture.at(-0.001)).isEmpty)
        let events = state.tick(at: SessionFixture.at(2))
        #expect(events.map(\.name) == ["clock.changed"])
        #expect(state.clock.status == .live)
        #expect(state.clock.phaseStartedAt == SessionFixture.at(2))
        #expect(state.nextDeadline == SessionFixture.at(542))
    }

    @Test func withoutAutoStartNothingStarts() {
        var state = SessionFixture.session()
        #expect(state.nextDeadline == nil)
        #expect(state.tick(at: SessionFixture.at(10)).isEmpty)
        #expect(state.clock.status == .scheduled)
    }

    @Test func lateTickSkipsTheWarningAndFiresTimeUpOnce() {
        var state = SessionFixture.started()
        #expect(state.tick(at: SessionFixture.at(2000)).map(\.name) == ["clock.timeUp"])
        #expect(state.tick(at: SessionFixture.at(2000)).isEmpty)
        #expect(state.nextDeadline == nil)
    }

    @Test func turnTimeUpOutsideARoundKeepsTheSpeaker() {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1", turnSec: 45), by: "f1", at: SessionFixture.at(10))
        #expect(state.nextDeadline == SessionFixture.at(55))
        #expect(state.tick(at: SessionFixture.at(55)).map(\.body) == [.floorTimeUp(participant: "r1")])
        #expect(state.floor.speaker == "r1")
        #expect(state.tick(at: SessionFixture.at(56)).isEmpty)
        #expect(state.nextDeadline == SessionFixture.at(540))
        state.ok(.floorGrant(participant: "r1", turnSec: 10), by: "f1", at: SessionFixture.at(60))
        #expect(state.nextDeadline == SessionFixture.at(70))
    }
}
