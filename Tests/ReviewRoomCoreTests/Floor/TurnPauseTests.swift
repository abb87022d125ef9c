import Foundation
import Testing
@testable import ReviewRoomCore

/// A clock pause is not speaking time: the speaker's `spokenSec` leaves out the time the clock
/// was paused during their turn. (What a pause does to turn deadlines: ``TurnDeadlinePauseTests``.)
@Suite struct TurnPauseTests {
    /// Runs `steps` on a started session, keeping every event for the replay check.
    struct Run {
        var state = SessionFixture.started()
        let initial: SessionState
        var events: [Event] = []

        init() { initial = SessionFixture.started() }

        /// Applies `command` (it must succeed) and returns the events it caused.
        @discardableResult
        mutating func ok(_ command: Command, by id: String = "f1", at seconds: Double) -> [Event] {
            let caused = state.ok(command, by: id, at: SessionFixture.at(seconds))
            events += caused
            return caused
        }

        /// Lets time pass to `seconds` and returns the server-timed events.
        @discardableResult
        mutating func tick(at seconds: Double) -> [Event] {
            let caused = state.tick(at: SessionFixture.at(seconds))
            events += caused
            return caused
        }

        /// The stored events rebuild exactly the decided state, pause bookkeeping included.
        func expectReplayMatches(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(SessionState.replaying(events, onto: initial) == state, sourceLocation: sourceLocation)
        }
    }

    @Test func aPauseInsideATurnIsNotSpokenTime() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1"), at: 10)
        run.ok(.clockPause, at: 20)
        run.ok(.clockResume, at: 50)
        run.ok(.floorRelease(), at: 60)
        #expect(run.state.floor.spokenMs == ["r1": 20_000])
        run.expectReplayMatches()
    }

    @Test func twoPausesInOneTurnAreBothLeftOut() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1"), at: 0)
        run.ok(.clockPause, at: 10)
        run.ok(.clockResume, at: 20)
        run.ok(.clockPause, at: 30)
        run.ok(.clockResume, at: 35)
        run.ok(.floorRelease(), at: 40)
        #expect(run.state.floor.spokenMs == ["r1": 25_000])
        run.expectReplayMatches()
    }

    @Test func aTurnHandedOnDuringAPauseCountsUpToThePauseAndTheNextFromTheResume() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1"), at: 10)
        run.ok(.clockPause, at: 20)
        run.ok(.floorGrant(participant: "r2"), at: 30)
        #expect(run.state.floor.spokenMs == ["r1": 10_000])
        run.ok(.clockResume, at: 50)
        run.ok(.floorRelease(), at: 60)
        #expect(run.state.floor.spokenMs == ["r1": 10_000, "r2": 10_000])
        run.expectReplayMatches()
    }

    @Test func aTurnGrantedDuringAPauseStartsCountingAtTheResume() {
        var run = Run()
        run.ok(.clockPause, at: 5)
        run.ok(.floorGrant(participant: "h1"), at: 10)
        run.ok(.clockResume, at: 25)
        run.ok(.floorRelease(), at: 40)
        #expect(run.state.floor.spokenMs == ["h1": 15_000])
        run.expectReplayMatches()
    }

    @Test func aRoundTurnPausedHalfwayCountsItsWholeTimeAndNotThePause() {
        var run = Run()
        run.ok(.phaseNext(), at: 0)
        run.ok(.roundStart(order: ["r1", "r2"], secondsEach: 30), at: 0)
        run.ok(.clockPause, at: 10)
        #expect(run.tick(at: 31).isEmpty)  // r1's turn stands still while paused
        run.ok(.clockResume, at: 40)       // 20 s of it left: it ends at 60
        run.tick(at: 60)
        #expect(run.state.floor.speaker == "r2")
        #expect(run.state.floor.spokenMs == ["r1": 30_000])
        run.ok(.roundPass, by: "r2", at: 65)
        #expect(run.state.floor.spokenMs == ["r1": 30_000, "r2": 5_000])
        run.expectReplayMatches()
    }

    @Test func aRoundsLastTurnEndedByALateTickAfterAPauseCountsItsTurnLengthOnly() {
        var run = Run()
        run.ok(.phaseNext(), at: 0)
        run.ok(.roundStart(order: ["r1", "r2"], secondsEach: 30), at: 0)
        run.tick(at: 30)
        run.ok(.clockPause, at: 40)
        run.ok(.clockResume, at: 100)  // r2's last 20 s now end at 120
        run.tick(at: 200)              // a tick late by an outage
        #expect(run.state.floor.round == nil)
        #expect(run.state.floor.spokenMs == ["r1": 30_000, "r2": 30_000])
        run.expectReplayMatches()
    }

    @Test func withoutAPauseSpokenTimeIsTheWallTimeHeld() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1"), at: 3)
        run.ok(.floorRelease(), at: 17.5)
        #expect(run.state.floor.spokenMs == ["r1": 14_500])
        run.expectReplayMatches()
    }

    @Test func thePauseBookkeepingSurvivesASnapshotsCoding() throws {
        var run = Run()
        run.ok(.floorGrant(participant: "r1"), at: 0)
        run.ok(.clockPause, at: 10)
        run.ok(.clockResume, at: 20)
        run.ok(.clockPause, at: 30)
        var restored = try JSONDecoder().decode(SessionState.self, from: JSONEncoder().encode(run.state))
        #expect(restored == run.state)
        restored.ok(.clockResume, by: "f1", at: SessionFixture.at(40))
        restored.ok(.floorRelease(), by: "f1", at: SessionFixture.at(50))
        #expect(restored.floor.spokenMs == ["r1": 30_000])
    }

    @Test func aSnapshotFromBeforeTheBookkeepingStillDecodes() throws {
        var run = Run()
        run.ok(.floorGrant(participant: "r1"), at: 0)
        run.ok(.clockPause, at: 10)
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(run.state)) as? [String: Any])
        json["clockPausedSince"] = nil
        json["turnPausedMs"] = nil
        let old = try JSONDecoder().decode(SessionState.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.clock == run.state.clock)
        #expect(old.clockPausedSince == nil)
    }
}
