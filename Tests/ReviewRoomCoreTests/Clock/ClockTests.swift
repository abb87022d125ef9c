import Testing
import Foundation
@testable import ReviewRoomCore

@Suite struct ClockTests {
    @Test func startRunsPhaseZero() throws {
        var state = SessionFixture.session()
        let events = state.ok(.sessionStart, by: "f1", at: SessionFixture.at(-30))
        #expect(events.map(\.name) == ["clock.changed"])
        #expect(state.clock.status == .live)
        #expect(state.clock.phase == 0)
        #expect(state.clock.phaseStartedAt == SessionFixture.at(-30))
        #expect(state.clock.endsAt == SessionFixture.at(570))
        #expect(state.clock.remainingMs(at: SessionFixture.at(0)) == 570_000)
        #expect(state.ok(.sessionStart, by: "f1", at: SessionFixture.at(1)).isEmpty)
    }

    @Test func pausedTimeDoesNotCount() {
        var state = SessionFixture.started()
        state.ok(.clockPause, by: "f1", at: SessionFixture.at(100))
        #expect(state.clock.status == .paused)
        #expect(state.clock.endsAt == nil)
        #expect(state.clock.elapsedMs(at: SessionFixture.at(400)) == 100_000)
        #expect(state.ok(.clockPause, by: "f1", at: SessionFixture.at(200)).isEmpty)
        state.ok(.clockResume, by: "f1", at: SessionFixture.at(400))
        #expect(state.clock.endsAt == SessionFixture.at(900))
        #expect(state.clock.elapsedMs(at: SessionFixture.at(450)) == 150_000)
        #expect(state.ok(.clockResume, by: "f1", at: SessionFixture.at(401)).isEmpty)
    }

    @Test func extendMovesTheEndBothWays() {
        var state = SessionFixture.started()
        state.ok(.clockExtend(seconds: 120), by: "f1", at: SessionFixture.at(10))
        #expect(state.clock.durationMs == 720_000)
        #expect(state.clock.endsAt == SessionFixture.at(720))
        state.ok(.clockExtend(seconds: -20.5), by: "f1", at: SessionFixture.at(20))
        #expect(state.clock.durationMs == 699_500)
        #expect(state.clock.endsAt == SessionFixture.at(699.5))
        state.ok(.clockPause, by: "f1", at: SessionFixture.at(100))
        state.ok(.clockExtend(seconds: 60), by: "f1", at: SessionFixture.at(200))
        #expect(state.clock.endsAt == nil)
        #expect(state.clock.remainingMs == 659_500)
    }

    @Test func negativeExtensionBelowZeroStopsAtZero() {
        var state = SessionFixture.started()
        state.ok(.clockExtend(seconds: -3600), by: "f1", at: SessionFixture.at(500))
        #expect(state.clock.remainingMs(at: SessionFixture.at(500)) == 0)
        #expect(state.clock.durationMs == 500_000)
        #expect(state.clock.endsAt == SessionFixture.at(500))
    }

    /// `phase` (the console's Undo sends it): applied only while that phase is current, so a
    /// co-facilitator's move landing just before does not hand the time to another phase.
    @Test func anExtensionMeantForAnotherPhaseIsRefusedAndChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.clockExtend(seconds: 30, phase: 0), by: "f1", at: SessionFixture.at(10))
        #expect(state.clock.durationMs == 630_000)
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(20)) // as from a second console
        let before = try EncodedJSON.string(state)
        let error = state.refused(.clockExtend(seconds: 57, phase: 0), by: "f1", at: SessionFixture.at(21))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("meant for phase 0") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("phase 1") == true, "\(error?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
    }

    /// `phase` on `phase.next`/`phase.prev` (the console sends the phase it showed): when two
    /// facilitators press Next at once, the second finds the room already moved and is refused,
    /// so the room moves one phase, not two.
    @Test func aPhaseMoveMeantFromAnotherPhaseIsRefusedAndChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(from: 0), by: "f1", at: SessionFixture.at(10))
        #expect(state.clock.phase == 1)
        let before = try EncodedJSON.string(state)
        let error = state.refused(.phaseNext(from: 0), by: "f1", at: SessionFixture.at(10.05))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("phase.next was meant to move on from phase 0") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("phase 1") == true, "\(error?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
        let back = state.refused(.phasePrev(from: 2), by: "f1", at: SessionFixture.at(11))
        #expect(back?.code == .invalidState)
        #expect(back?.message.contains("phase.prev was meant to move on from phase 2") == true, "\(back?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
        // From the phase that is current, both move as without it.
        state.ok(.phasePrev(from: 1), by: "f1", at: SessionFixture.at(12))
        #expect(state.clock.phase == 0)
        state.ok(.phaseNext(from: 0), by: "f1", at: SessionFixture.at(13))
        #expect(state.clock.phase == 1)
    }

    /// `phase` on `phase.goto` too: a "Go to" confirmed after a co-facilitator moved the room is
    /// refused and changes nothing; going to the current phase is acked whatever it says.
    @Test func aGotoMeantFromAnotherPhaseIsRefusedButTheCurrentPhaseChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(from: 0), by: "f1", at: SessionFixture.at(10))
        let before = try EncodedJSON.string(state)
        let error = state.refused(.phaseGoto(index: 2, from: 0), by: "f1", at: SessionFixture.at(11))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("phase.goto was meant to move on from phase 0") == true, "\(error?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
        #expect(state.ok(.phaseGoto(index: 1, from: 0), by: "f1", at: SessionFixture.at(12)).isEmpty)
        state.ok(.phaseGoto(index: 2, from: 1), by: "f1", at: SessionFixture.at(13))
        #expect(state.clock.phase == 2)
    }

    /// A `phase` that is no phase of the agenda is bad input, checked before the state as
    /// `phase.goto`'s `index` is: it was `invalid_state` ("was meant for phase -5"), which reads
    /// as a race with another facilitator.
    @Test(arguments: [-1, -5, 99])
    func aPhaseOutsideTheAgendaIsABadRequest(phase: Int) throws {
        for var state in [SessionFixture.session(), SessionFixture.started()] {
            let before = try EncodedJSON.string(state)
            let count = state.agenda.count
            for command in [Command.clockExtend(seconds: 30, phase: phase), .phaseNext(from: phase), .phasePrev(from: phase),
                            .phaseGoto(index: 1, from: phase)] {
                let error = state.refused(command, by: "f1", at: SessionFixture.at(10))
                #expect(error?.code == .badRequest, "\(command): \(String(describing: error))")
                #expect(error?.message.contains("phase \(phase) is out of range: the agenda has \(count) phases") == true,
                        "\(error?.message ?? "")")
            }
            #expect(try EncodedJSON.string(state) == before)
        }
    }

    @Test func negativeExtensionInOvertimeIsRefused() throws {
        var state = SessionFixture.started()
        let before = try EncodedJSON.string(state)
        let error = state.refused(.clockExtend(seconds: -10), by: "f1", at: SessionFixture.at(630))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("30") == true)
        #expect(try EncodedJSON.string(state) == before)
    }

    @Test func overtimeShowsNegativeRemaining() throws {
        let state = SessionFixture.started()
        let late = state.clock(at: SessionFixture.at(645.25))
        #expect(late.remainingMs == -45_250)
        let json = try EncodedJSON.object(late)
        #expect(json["remainingSec"] as? Double == -45.25)
        #expect(json["elapsedSec"] as? Double == 645.25)
    }

    /// PROTOCOL §3.2: `durationSec` is the planned length plus the extensions, overtime or not.
    /// An extension smaller than the overtime used to be raised to it (+10 s at 45 s over added
    /// 45 s: remaining 0, duration 645 s).
    @Test func anExtensionInOvertimeAddsWhatWasAskedAndTimeUpIsNotSaidAgain() throws {
        var state = SessionFixture.started()
        #expect(state.tick(at: SessionFixture.at(600)).map(\.name) == ["clock.timeUp"])
        state.ok(.clockExtend(seconds: 10), by: "f1", at: SessionFixture.at(645))
        #expect(state.clock.durationMs == 610_000)
        #expect(state.clock(at: SessionFixture.at(645)).remainingMs == -35_000)
        #expect(state.tick(at: SessionFixture.at(646)).isEmpty, "still over: its time-up was said")
        state.ok(.clockExtend(seconds: 60), by: "f1", at: SessionFixture.at(650))
        #expect(state.clock.durationMs == 670_000)
        #expect(state.clock(at: SessionFixture.at(650)).remainingMs == 20_000)
        #expect(state.tick(at: SessionFixture.at(670)).map(\.name) == ["clock.timeUp"], "lifted out of overtime, it ends again")
    }

    @Test func phaseMovesResetTheClockAndRecordRuns() throws {
        var state = SessionFixture.started()
        state.ok(.clockPause, by: "f1", at: SessionFixture.at(100))
        state.ok(.clockResume, by: "f1", at: SessionFixture.at(160))
        let events = state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(400))
        #expect(events.map(\.name) == ["clock.changed", "floor.changed"])
        #expect(state.clock.phase == 1)
        #expect(state.clock.elapsedMs == 0)
        #expect(state.clock.endsAt == SessionFixture.at(700))
        #expect(state.floor.mode == .round)
        let run = try #require(state.phaseRuns.last)
        #expect(run.phase == 0)
        #expect(run.actualSec == 340)
        #expect(run.plannedSec == 600)
        #expect(run.startedAt == SessionFixture.at(0))
        #expect(run.endedAt == SessionFixture.at(400))
        state.ok(.phaseGoto(index: 3), by: "f1", at: SessionFixture.at(450))
        #expect(state.clock.phase == 3)
        #expect(state.ok(.phaseGoto(index: 3), by: "f1", at: SessionFixture.at(451)).isEmpty)
        state.ok(.phasePrev(), by: "f1", at: SessionFixture.at(460))
        #expect(state.clock.phase == 2)
        #expect(state.phaseRuns.map(\.phase) == [0, 1, 3])
        #expect(state.phaseRuns.map(\.actualSec) == [340, 50, 10])
    }

    @Test func gotoTheCurrentPhaseBeforeTheStartChangesNothing() throws {
        // PROTOCOL §3.5 lists "phase.goto the current phase" as changing nothing; before the
        // start the current phase is the first.
        var state = SessionFixture.session()
        let before = try EncodedJSON.string(state)
        #expect(state.ok(.phaseGoto(index: 0), by: "f1", at: SessionFixture.at(-60)).isEmpty)
        #expect(try EncodedJSON.string(state) == before)
        // Moving to another phase still needs the session started.
        #expect(state.refused(.phaseGoto(index: 1), by: "f1", at: SessionFixture.at(-60))?.code == .invalidState)
        #expect(state.refused(.phaseNext(), by: "f1", at: SessionFixture.at(-60))?.code == .invalidState)
        #expect(state.refused(.phasePrev(), by: "f1", at: SessionFixture.at(-60))?.code == .invalidState)
        #expect(try EncodedJSON.string(state) == before)
        // After the end nothing is "unchanged".
        state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(10))
        #expect(state.refused(.phaseGoto(index: 0), by: "f1", at: SessionFixture.at(11))?.code == .sessionEnded)
    }

    @Test func phaseMoveWhilePausedStaysPaused() {
        var state = SessionFixture.started()
        state.ok(.clockPause, by: "f1", at: SessionFixture.at(10))
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(20))
        #expect(state.clock.status == .paused)
        #expect(state.clock.endsAt == nil)
        #expect(state.clock.remainingMs == 300_000)
        #expect(state.clock.phaseStartedAt == SessionFixture.at(20))
    }

    @Test func endFreezesTheClockAndRecordsThePhase() throws {
        var state = SessionFixture.started()
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(600))
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(750))
        #expect(state.clock.status == .ended)
        #expect(state.clock.endsAt == nil)
        #expect(state.clock.elapsedMs == 150_000)
        #expect(state.phaseRuns.map(\.actualSec) == [600, 150])
        #expect(state.isEnded)
        let error = state.refused(.sessionEnd, by: "f1", at: SessionFixture.at(800))
        #expect(error?.code == .sessionEnded)
    }

    @Test func endBeforeStartEndsWithoutRuns() {
        var state = SessionFixture.session()
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(-100))
        #expect(state.clock.status == .ended)
        #expect(state.phaseRuns.isEmpty)
    }

    @Test func clockEncodesTheProtocolShape() throws {
        let scheduled = try EncodedJSON.object(SessionFixture.session().clock)
        #expect(Set(scheduled.keys) == ["status", "phase", "phaseStartedAt", "durationSec", "elapsedSec",
                                         "remainingSec", "endsAt"])
        #expect(scheduled["status"] as? String == "scheduled")
        #expect(scheduled["endsAt"] is NSNull)
        #expect(scheduled["phaseStartedAt"] is NSNull)
        let live = try EncodedJSON.object(SessionFixture.started().clock)
        #expect(live["endsAt"] as? String == "2026-12-01T09:40:00.000Z")
        #expect(live["phaseStartedAt"] as? String == "2026-12-01T09:30:00.000Z")
        #expect(live["durationSec"] as? Double == 600)
        let text = try EncodedJSON.string(SessionFixture.started().clock)
        #expect(try EncodedJSON.decode(Clock.self, from: text) == SessionFixture.started().clock)
    }
}

extension ClockTests {
    @Test func everyPhaseMoveReportsTheFloorEvenWhenUnchanged() {
        let sameMode = [
            Phase(id: "a", title: "A", kind: .discussion, durationSec: 120, turnMode: .queue, onTimeUp: .overtime),
            Phase(id: "b", title: "B", kind: .discussion, durationSec: 120, turnMode: .queue, onTimeUp: .overtime),
        ]
        var state = SessionFixture.session(agenda: sameMode)
        state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        let before = state.floor
        #expect(state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(5)).map(\.name) == ["clock.changed", "floor.changed"])
        #expect(state.floor == before)
        #expect(state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(6)).map(\.name) == ["clock.changed"])
    }
}
