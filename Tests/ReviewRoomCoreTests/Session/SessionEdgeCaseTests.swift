import Testing
@testable import ReviewRoomCore

/// Corners the main suites do not reach on their own.
@Suite struct SessionEdgeCaseTests {
    @Test func regrantingTheSameTurnChangesNothing() {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1", turnSec: 30), by: "f1", at: SessionFixture.at(1))
        #expect(state.ok(.floorGrant(participant: "r1", turnSec: 30), by: "f1", at: SessionFixture.at(1)).isEmpty)
        #expect(state.ok(.floorGrant(participant: "r1", turnSec: 30), by: "f1", at: SessionFixture.at(2)).count == 1)
        #expect(state.floor.turnEndsAt == SessionFixture.at(32))
        #expect(state.floor.since == SessionFixture.at(1))
    }

    @Test func onlyReadingAndEphemeralCommandsLeaveStateAlone() {
        let readOnly = CommandName.allCases.filter { !$0.changesState }
        #expect(Set(readOnly) == [.ping, .noteGet, .noteCursor, .signal])
        #expect(CommandName.noteEdit.changesState)
        #expect(CommandName(rawValue: "phase.goto") == .phaseGoto)
    }

    @Test func phaseDescriptionsNameTheTitleWhenThereIsOne() {
        let state = SessionFixture.session()
        #expect(state.describePhase(1) == "phase 1 (\"Round\")")
        #expect(state.describePhase(9) == "phase 9")
    }

    @Test func advancingWithoutARoundChangesNothing() {
        var floor = Floor(mode: .queue, speaker: "r1", since: SessionFixture.at(0))
        let before = floor
        floor.advanceRound(at: SessionFixture.at(5), passing: true)
        #expect(floor == before)
    }

    @Test func replayOfAPhaseNoLongerInTheAgendaRecordsNoPlannedTime() {
        var state = SessionFixture.started()
        state.ok(.phaseGoto(index: 3), by: "f1", at: SessionFixture.at(0))
        let shorter = SessionChange(title: "T", focus: "F", startsAt: SessionFixture.startsAt, timeZone: "UTC",
                                    agenda: Array(SessionFixture.agenda.prefix(2)), prompts: state.prompts)
        state.replay(Event(at: SessionFixture.at(1), body: .sessionChanged(shorter)))
        state.replay(Event(at: SessionFixture.at(10), body: .clockChanged(.running(phase: 0, durationMs: 1000, from: SessionFixture.at(10)))))
        #expect(state.phaseRuns.last?.plannedSec == 0)
        #expect(state.phaseRuns.last?.actualSec == 10)
    }

    @Test func everyRoleHasItsSpeakingRight() {
        #expect(Role.allCases.filter(\.canSpeak) == [.facilitator, .host, .reviewer])
        #expect(ErrorCode.allCases.map(\.rawValue) == [
            "bad_request", "unauthorized", "forbidden", "not_found", "invalid_state", "invalid_op", "too_large",
            "rate_limited", "not_open", "session_ended", "internal",
        ])
    }
}
