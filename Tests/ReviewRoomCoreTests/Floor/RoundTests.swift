import Testing
@testable import ReviewRoomCore

@Suite struct RoundTests {
    /// A session in its round phase (phase 1) from t = 0.
    static func inRoundPhase() -> SessionState {
        var state = SessionFixture.started()
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(0))
        return state
    }

    @Test func defaultOrderIsReviewersThenHostsInInvitationOrder() throws {
        var state = Self.inRoundPhase()
        state.ok(.roundStart(secondsEach: 60), by: "f1", at: SessionFixture.at(1))
        let round = try #require(state.floor.round)
        #expect(round.order == ["r1", "r2", "h1"])
        #expect(round.index == 0)
        #expect(state.floor.speaker == "r1")
        #expect(state.floor.turnEndsAt == SessionFixture.at(61))
    }

    @Test func passTimeUpAndTheEndOfTheRound() throws {
        var state = Self.inRoundPhase()
        state.ok(.roundStart(order: ["h1", "r2", "f1"], secondsEach: 30), by: "f1", at: SessionFixture.at(0))
        state.ok(.roundPass, by: "h1", at: SessionFixture.at(4))
        #expect(state.floor.speaker == "r2")
        #expect(state.floor.round?.passed == ["h1"])
        #expect(state.nextDeadline == SessionFixture.at(34))
        let timeUp = state.tick(at: SessionFixture.at(34))
        #expect(timeUp.map(\.name) == ["floor.timeUp", "floor.changed"])
        #expect(timeUp.first?.body == .floorTimeUp(participant: "r2"))
        #expect(state.floor.speaker == "f1")
        #expect(state.floor.round?.index == 2)
        state.ok(.floorRelease(), by: "f1", at: SessionFixture.at(50))
        #expect(state.floor.round == nil)
        #expect(state.floor.speaker == nil)
        #expect(state.floor.spokenMs == ["h1": 4_000, "r2": 30_000, "f1": 16_000])
    }

    @Test func spokenTimeSumsToTheTimeTheFloorWasHeld() {
        var state = Self.inRoundPhase()
        state.ok(.roundStart(secondsEach: 20), by: "f1", at: SessionFixture.at(0))
        _ = state.tick(at: SessionFixture.at(20))
        state.ok(.floorNext(), by: "f1", at: SessionFixture.at(27.125))
        _ = state.tick(at: SessionFixture.at(47.125))
        #expect(state.floor.round == nil)
        #expect(state.floor.spokenMs.values.reduce(0, +) == 47_125)
        #expect(state.floor.spokenMs == ["r1": 20_000, "r2": 7_125, "h1": 20_000])
    }

    @Test func stopEndsTheTurnAndStopWithoutRoundChangesNothing() {
        var state = Self.inRoundPhase()
        #expect(state.ok(.roundStop, by: "f1", at: SessionFixture.at(0)).isEmpty)
        state.ok(.roundStart(secondsEach: 20), by: "f1", at: SessionFixture.at(0))
        state.ok(.roundStop, by: "f1", at: SessionFixture.at(5))
        #expect(state.floor.round == nil)
        #expect(state.floor.speaker == nil)
        #expect(state.floor.spokenMs == ["r1": 5_000])
    }

    @Test func roundRulesRefuseWhatDoesNotFit() throws {
        var state = Self.inRoundPhase()
        let idle = try EncodedJSON.string(state)
        #expect(state.refused(.roundPass, by: "r1", at: SessionFixture.at(1))?.code == .forbidden)
        #expect(state.refused(.roundStart(order: ["r1", "r1"], secondsEach: 10), by: "f1", at: SessionFixture.at(1))?.code
            == .badRequest)
        #expect(state.refused(.roundStart(order: [], secondsEach: 10), by: "f1", at: SessionFixture.at(1))?.code == .badRequest)
        #expect(state.refused(.roundStart(order: ["zz"], secondsEach: 10), by: "f1", at: SessionFixture.at(1))?.code
            == .notFound)
        #expect(state.refused(.roundStart(order: ["d1"], secondsEach: 10), by: "f1", at: SessionFixture.at(1))?.code
            == .badRequest)
        for seconds in [0, -1, 3601, .nan] {
            let error = state.refused(.roundStart(secondsEach: seconds), by: "f1", at: SessionFixture.at(1))
            #expect(error?.code == .badRequest)
            #expect(error?.message.contains("secondsEach") == true)
        }
        #expect(try EncodedJSON.string(state) == idle)
        state.ok(.roundStart(secondsEach: 10), by: "f1", at: SessionFixture.at(1))
        let running = try EncodedJSON.string(state)
        #expect(state.refused(.roundStart(secondsEach: 10), by: "f1", at: SessionFixture.at(2))?.code == .invalidState)
        // Values before state, as for every command: an empty order is bad_request in a round too.
        #expect(state.refused(.roundStart(order: [], secondsEach: 10), by: "f1", at: SessionFixture.at(2))?.code == .badRequest)
        #expect(state.refused(.floorGrant(participant: "h1"), by: "f1", at: SessionFixture.at(2))?.code == .invalidState)
        #expect(try EncodedJSON.string(state) == running)
    }

    @Test func aRoundStartsInAnOpenPhaseToo() throws {
        // PROTOCOL §3.2 puts no state condition on round.start: a phase's turnMode is what the
        // agenda plans, not a lock.
        var state = SessionFixture.started()
        state.ok(.phaseGoto(index: 2), by: "f1", at: SessionFixture.at(0))
        #expect(state.floor.mode == .open)
        state.ok(.roundStart(secondsEach: 10), by: "f1", at: SessionFixture.at(1))
        #expect(state.floor.mode == .open)
        #expect(state.floor.speaker == "r1")
        #expect(state.floor.round?.order == ["r1", "r2", "h1"])
        #expect(state.nextDeadline == SessionFixture.at(11))
        // Every other round rule still holds.
        #expect(state.refused(.roundStart(secondsEach: 10), by: "f1", at: SessionFixture.at(2))?.code == .invalidState)
        #expect(state.refused(.floorGrant(participant: "h1"), by: "f1", at: SessionFixture.at(2))?.code == .invalidState)
        #expect(state.refused(.roundPass, by: "r2", at: SessionFixture.at(2))?.code == .forbidden)
        state.ok(.roundPass, by: "r1", at: SessionFixture.at(3))
        #expect(state.floor.speaker == "r2")
        state.ok(.roundStop, by: "f1", at: SessionFixture.at(4))
        #expect(state.floor.round == nil)
    }

    @Test func aRoundStartsInTheLobbyInTheFirstPhasesMode() throws {
        var state = SessionFixture.session(agenda: [SessionFixture.agenda[2], SessionFixture.agenda[0]])
        #expect(state.floor.mode == .open)
        state.ok(.roundStart(order: ["h1"], secondsEach: 10), by: "f1", at: SessionFixture.at(0))
        #expect(state.floor.speaker == "h1")
        #expect(state.floor.round?.order == ["h1"])
    }

    @Test func roundsNeedSomeoneToSpeak() throws {
        var lonely = SessionState(info: SessionFixture.session().info, agenda: SessionFixture.agenda,
                                  participants: [SessionFixture.people[0]], notes: [], deck: [])
        lonely.ok(.sessionStart, by: "f1", at: SessionFixture.at(0))
        let error = lonely.refused(.roundStart(secondsEach: 10), by: "f1", at: SessionFixture.at(1))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("reviewers or hosts") == true)
    }

    @Test func raisedHandsWaitThroughARoundAndLeaveWithTheirTurn() {
        var state = Self.inRoundPhase()
        state.ok(.handRaise(kind: .contribution), by: "r2", at: SessionFixture.at(0))
        state.ok(.handRaise(kind: .contribution), by: "h1", at: SessionFixture.at(0))
        state.ok(.roundStart(order: ["r1", "r2"], secondsEach: 10), by: "f1", at: SessionFixture.at(1))
        #expect(state.floor.queue.map(\.participant) == ["r2", "h1"])
        state.ok(.floorNext(), by: "f1", at: SessionFixture.at(2))
        #expect(state.floor.speaker == "r2")
        #expect(state.floor.queue.map(\.participant) == ["h1"])
    }
}
