import Foundation
import Testing
@testable import ReviewRoomCore

/// A clock pause stops a timed turn too: no `floor.timeUp` while paused, and the resume moves
/// `turnEndsAt` on by the time the turn stood paused, in a `floor.changed` after the
/// `clock.changed` (SessionRules.md, "Server-timed events").
@Suite struct TurnDeadlinePauseTests {
    typealias Run = TurnPauseTests.Run

    /// The names of `events`' bodies, in order (`clock.changed`, `floor.changed`, …).
    private func names(_ events: [Event]) -> [String] { events.map(\.name) }

    @Test func aTimedTurnDoesNotRunOutWhilePausedAndResumesWithWhatWasLeft() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1", turnSec: 60), at: 0)
        run.ok(.clockPause, at: 20)
        #expect(run.state.nextDeadline == nil)
        #expect(run.tick(at: 75).isEmpty)
        let resumed = run.ok(.clockResume, at: 80)
        #expect(names(resumed) == ["clock.changed", "floor.changed"])
        #expect(run.state.floor.turnEndsAt == SessionFixture.at(120))  // 40 s were left at the pause
        #expect(run.state.floor.since == SessionFixture.at(0))
        #expect(run.tick(at: 119.999).isEmpty)
        #expect(names(run.tick(at: 120)) == ["floor.timeUp"])
        run.expectReplayMatches()
    }

    @Test func aTurnGrantedDuringAPauseGetsItsWholeLengthFromTheResume() {
        var run = Run()
        run.ok(.clockPause, at: 5)
        run.ok(.floorGrant(participant: "h1", turnSec: 30), at: 10)
        #expect(run.tick(at: 60).isEmpty)
        run.ok(.clockResume, at: 70)
        #expect(run.state.floor.turnEndsAt == SessionFixture.at(100))
        run.expectReplayMatches()
    }

    @Test func aNewTurnLengthGivenDuringAPauseRunsFromTheResume() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1", turnSec: 60), at: 0)
        run.ok(.clockPause, at: 10)
        run.ok(.floorGrant(participant: "r1", turnSec: 20), at: 30)
        run.ok(.clockResume, at: 40)
        #expect(run.state.floor.turnEndsAt == SessionFixture.at(60))
        run.expectReplayMatches()
    }

    @Test func aResumeWithoutATimedTurnWaitingChangesOnlyTheClock() {
        var untimed = Run()
        untimed.ok(.floorGrant(participant: "r1"), at: 0)
        untimed.ok(.clockPause, at: 10)
        #expect(names(untimed.ok(.clockResume, at: 20)) == ["clock.changed"])

        var timedOut = Run()
        timedOut.ok(.floorGrant(participant: "r1", turnSec: 5), at: 0)
        #expect(names(timedOut.tick(at: 5)) == ["floor.timeUp"])
        timedOut.ok(.clockPause, at: 10)
        #expect(names(timedOut.ok(.clockResume, at: 20)) == ["clock.changed"])
        #expect(timedOut.state.floor.turnEndsAt == SessionFixture.at(5))

        var instantly = Run()
        instantly.ok(.floorGrant(participant: "r1", turnSec: 30), at: 0)
        instantly.ok(.clockPause, at: 10)
        #expect(names(instantly.ok(.clockResume, at: 10)) == ["clock.changed"])

        var nobody = Run()
        nobody.ok(.clockPause, at: 10)
        #expect(names(nobody.ok(.clockResume, at: 20)) == ["clock.changed"])
    }

    @Test func aTurnHandedOnDuringAPauseRunsFromTheResume() {
        var run = Run()
        run.ok(.phaseNext(), at: 0)
        run.ok(.roundStart(order: ["r1", "r2"], secondsEach: 30), at: 0)
        run.ok(.clockPause, at: 10)
        run.ok(.floorNext(), at: 15)  // the facilitator moves the round on while paused
        #expect(run.state.floor.speaker == "r2")
        run.ok(.clockResume, at: 45)
        #expect(run.state.floor.turnEndsAt == SessionFixture.at(75))
        run.tick(at: 75)
        #expect(run.state.floor.round == nil)
        #expect(run.state.floor.spokenMs == ["r1": 10_000, "r2": 30_000])
        run.expectReplayMatches()
    }

    @Test func twoPausesInOneTurnMoveItsDeadlineByBoth() {
        var run = Run()
        run.ok(.floorGrant(participant: "r1", turnSec: 60), at: 0)
        run.ok(.clockPause, at: 10)
        run.ok(.clockResume, at: 20)
        run.ok(.clockPause, at: 30)
        run.ok(.clockResume, at: 45)
        #expect(run.state.floor.turnEndsAt == SessionFixture.at(85))
        run.ok(.floorRelease(), at: 50)
        #expect(run.state.floor.spokenMs == ["r1": 25_000])
        run.expectReplayMatches()
    }

    @Test func aPauseInASnapshotStillMovesTheDeadlineAfterARestart() throws {
        var run = Run()
        run.ok(.floorGrant(participant: "r1", turnSec: 60), at: 0)
        run.ok(.clockPause, at: 10)
        run.ok(.floorGrant(participant: "r1", turnSec: 30), at: 20)
        var restored = try JSONDecoder().decode(SessionState.self, from: JSONEncoder().encode(run.state))
        #expect(restored == run.state)
        restored.ok(.clockResume, by: "f1", at: SessionFixture.at(50))
        #expect(restored.floor.turnEndsAt == SessionFixture.at(80))
    }

    @Test func aSnapshotFromBeforeTheDeadlineBookkeepingCountsThePauseFromTheTurnsStart() throws {
        var run = Run()
        run.ok(.clockPause, at: 10)
        run.ok(.floorGrant(participant: "r1", turnSec: 30), at: 20)
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(run.state)) as? [String: Any])
        json["turnDeadlineSetWhilePausedAt"] = nil
        var old = try JSONDecoder().decode(SessionState.self, from: JSONSerialization.data(withJSONObject: json))
        old.ok(.clockResume, by: "f1", at: SessionFixture.at(40))
        #expect(old.floor.turnEndsAt == SessionFixture.at(70))
    }
}
