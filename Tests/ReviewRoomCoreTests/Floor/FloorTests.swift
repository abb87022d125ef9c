import Testing
import Foundation
@testable import ReviewRoomCore

@Suite struct FloorTests {
    @Test func responsesJumpContributionsAndEachKindIsFIFO() {
        var state = SessionFixture.started()
        state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(1))
        state.ok(.handRaise(kind: .contribution), by: "h1", at: SessionFixture.at(2))
        state.ok(.handRaise(kind: .response), by: "r2", at: SessionFixture.at(3))
        state.ok(.handRaise(kind: .response), by: "f1", at: SessionFixture.at(4))
        #expect(state.floor.queue.map(\.participant) == ["r2", "f1", "r1", "h1"])
        #expect(state.floor.queue.map(\.raisedAt) == [SessionFixture.at(3), SessionFixture.at(4), SessionFixture.at(1), SessionFixture.at(2)])
    }

    /// `participant` on `floor.release` (the console's "End the turn" sends the speaker it
    /// showed): a co-facilitator's Next speaker landing just before must not have its new turn
    /// ended (a probe saw Chidi's turn given and ended 19 ms apart, nobody told).
    @Test func aReleaseMeantForAnotherSpeakerIsRefusedAndChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(1))
        state.ok(.handRaise(kind: .contribution), by: "r2", at: SessionFixture.at(2))
        state.ok(.floorNext(), by: "f1", at: SessionFixture.at(10))
        let before = try EncodedJSON.string(state)
        let error = state.refused(.floorRelease(participant: "r1"), by: "f1", at: SessionFixture.at(10.02))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("meant for the turn of Asha") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("Raj ('r2') has the floor") == true, "\(error?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
        // Meant for the speaker there is, it ends that turn; with nobody speaking it changes nothing.
        state.ok(.floorRelease(participant: "r2"), by: "f1", at: SessionFixture.at(20))
        #expect(state.floor.speaker == nil)
        #expect(state.ok(.floorRelease(participant: "r2"), by: "f1", at: SessionFixture.at(21)).isEmpty)
    }

    /// `speaker` on `floor.next`: meant to move on from one speaker's turn, it is refused once
    /// someone else has the floor (or nobody has), so two Next presses at once do not skip a hand.
    @Test func aNextMeantForAnotherSpeakerIsRefusedAndChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(1))
        state.ok(.handRaise(kind: .contribution), by: "r2", at: SessionFixture.at(2))
        state.ok(.handRaise(kind: .contribution), by: "h1", at: SessionFixture.at(3))
        state.ok(.floorNext(speaker: "r1"), by: "f1", at: SessionFixture.at(10))
        #expect(state.floor.speaker == "r2")
        let before = try EncodedJSON.string(state)
        let error = state.refused(.floorNext(speaker: "r1"), by: "f1", at: SessionFixture.at(10.02))
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("meant to move on from the turn of Asha ('r1')") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("Raj ('r2') has the floor now") == true, "\(error?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
        state.ok(.floorRelease(), by: "f1", at: SessionFixture.at(11))
        let nobody = state.refused(.floorNext(speaker: "r2"), by: "f1", at: SessionFixture.at(12))
        #expect(nobody?.message.contains("nobody has the floor now") == true, "\(nobody?.message ?? "")")
        #expect(state.floor.queue.map(\.participant) == ["h1"])
    }

    /// `next` on `floor.next`: meant to give the floor to the hand a console showed first, it is
    /// refused once the move would give it to someone else (that person already had their turn,
    /// another hand jumped ahead) or to nobody, so a press on a view a moment behind changes nothing.
    @Test func aNextMeantForAnotherHandIsRefusedAndChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(1))
        state.ok(.handRaise(kind: .contribution), by: "r2", at: SessionFixture.at(2))
        state.ok(.floorNext(next: "r1"), by: "f1", at: SessionFixture.at(10))
        #expect(state.floor.speaker == "r1")
        let before = try EncodedJSON.string(state)
        // The second facilitator's view still showed Asha first.
        let stale = state.refused(.floorNext(next: "r1"), by: "f1", at: SessionFixture.at(10.5))
        #expect(stale?.code == .invalidState)
        #expect(stale?.message == "floor.next was meant to give the floor to Asha ('r1'), but Raj ('r2') would have it now: "
            + "nothing was changed", "\(stale?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
        state.ok(.floorNext(speaker: "r1", next: "r2"), by: "f1", at: SessionFixture.at(11))
        #expect(state.floor.speaker == "r2")
        // Meant for Raj, who has just been given it by the other press: nothing more happens.
        #expect(state.ok(.floorNext(next: "r2"), by: "f1", at: SessionFixture.at(11.5)).isEmpty)
        let nobody = state.refused(.floorNext(next: "h1"), by: "f1", at: SessionFixture.at(12))
        #expect(nobody?.message.contains("to Ben ('h1'), but no hand is up now: nothing was changed") == true, "\(nobody?.message ?? "")")
        #expect(state.floor.speaker == "r2")
    }

    /// In a round, `next` is the person the round would move on to; after the last it would end.
    @Test func aNextMeantForAnotherPersonInARoundIsRefused() throws {
        var state = SessionFixture.started()
        state.ok(.roundStart(order: ["r1", "r2"], secondsEach: 60), by: "f1", at: SessionFixture.at(1))
        state.ok(.floorNext(speaker: "r1", next: "r2"), by: "f1", at: SessionFixture.at(2))
        let before = try EncodedJSON.string(state)
        let ending = state.refused(.floorNext(next: "h1"), by: "f1", at: SessionFixture.at(3))
        #expect(ending?.message.contains("to Ben ('h1'), but the round would end now") == true, "\(ending?.message ?? "")")
        #expect(try EncodedJSON.string(state) == before)
    }

    @Test func raisingARaisedHandChangesNothing() throws {
        var state = SessionFixture.started()
        state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(1))
        let before = try EncodedJSON.string(state)
        #expect(state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(2)).isEmpty)
        #expect(state.ok(.handRaise(kind: .response), by: "r1", at: SessionFixture.at(3)).isEmpty)
        #expect(try EncodedJSON.string(state) == before)
    }

    @Test func loweringADownHandChangesNothing() {
        var state = SessionFixture.started()
        #expect(state.ok(.handLower(), by: "r1", at: SessionFixture.at(1)).isEmpty)
        #expect(state.ok(.handLower(participant: "r2"), by: "f1", at: SessionFixture.at(1)).isEmpty)
    }

    @Test func facilitatorRaisesAndLowersForOthers() {
        var state = SessionFixture.started()
        let raised = state.ok(.handRaise(kind: .contribution, participant: "h1"), by: "f1", at: SessionFixture.at(1))
        #expect(raised.map(\.name) == ["floor.changed"])
        #expect(state.floor.queue.map(\.participant) == ["h1"])
        state.ok(.handRaise(kind: .contribution, participant: "r1"), by: "r1", at: SessionFixture.at(2))
        state.ok(.handLower(participant: "h1"), by: "f1", at: SessionFixture.at(3))
        #expect(state.floor.queue.map(\.participant) == ["r1"])
        state.ok(.handLower(), by: "r1", at: SessionFixture.at(4))
        #expect(state.floor.queue.isEmpty)
    }

    @Test func theFloorWorksInTheLobbyAndCarriesIntoTheStart() {
        var state = SessionFixture.session()
        state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(-120))
        state.ok(.floorGrant(participant: "h1", turnSec: 60), by: "f1", at: SessionFixture.at(-100))
        #expect(state.nextDeadline == SessionFixture.at(-40))
        #expect(state.tick(at: SessionFixture.at(-40)).map(\.body) == [.floorTimeUp(participant: "h1")])
        #expect(state.ok(.sessionStart, by: "f1", at: SessionFixture.at(0)).map(\.name) == ["clock.changed"])
        #expect(state.floor.speaker == "h1")
        #expect(state.floor.queue.map(\.participant) == ["r1"])
        state.ok(.floorNext(), by: "f1", at: SessionFixture.at(10))
        #expect(state.floor.spokenMs == ["h1": 110_000])
    }

    @Test func handsNeedASpeakingRole() throws {
        var live = SessionFixture.started()
        let before = try EncodedJSON.string(live)
        #expect(live.refused(.handRaise(kind: .contribution, participant: "o1"), by: "f1", at: SessionFixture.at(1))?.code
            == .badRequest)
        #expect(live.refused(.handRaise(kind: .contribution, participant: "zz"), by: "f1", at: SessionFixture.at(1))?.code
            == .notFound)
        #expect(live.refused(.handLower(participant: "zz"), by: "f1", at: SessionFixture.at(1))?.code == .notFound)
        #expect(try EncodedJSON.string(live) == before)
    }

    @Test func grantNextReleaseAndSpokenTime() {
        var state = SessionFixture.started()
        state.ok(.handRaise(kind: .contribution), by: "r1", at: SessionFixture.at(1))
        state.ok(.handRaise(kind: .response), by: "r2", at: SessionFixture.at(2))
        state.ok(.floorNext(turnSec: 90), by: "f1", at: SessionFixture.at(10))
        #expect(state.floor.speaker == "r2")
        #expect(state.floor.since == SessionFixture.at(10))
        #expect(state.floor.turnEndsAt == SessionFixture.at(100))
        #expect(state.floor.queue.map(\.participant) == ["r1"])
        state.ok(.floorNext(), by: "f1", at: SessionFixture.at(25.5))
        #expect(state.floor.speaker == "r1")
        #expect(state.floor.turnEndsAt == nil)
        #expect(state.floor.spokenMs == ["r2": 15_500])
        #expect(state.ok(.floorNext(), by: "f1", at: SessionFixture.at(30)).isEmpty)
        #expect(state.floor.speaker == "r1")
        state.ok(.floorRelease(), by: "r1", at: SessionFixture.at(40))
        #expect(state.floor.speaker == nil)
        #expect(state.floor.spokenSec == ["r2": 15.5, "r1": 14.5])
        #expect(state.ok(.floorRelease(), by: "f1", at: SessionFixture.at(41)).isEmpty)
    }

    @Test func grantReplacesTheSpeakerAndLowersTheGranteesHand() {
        var state = SessionFixture.started()
        state.ok(.handRaise(kind: .contribution), by: "h1", at: SessionFixture.at(1))
        state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(2))
        state.ok(.floorGrant(participant: "h1", turnSec: 30), by: "f1", at: SessionFixture.at(12))
        #expect(state.floor.speaker == "h1")
        #expect(state.floor.queue.isEmpty)
        #expect(state.floor.spokenMs["r1"] == 10_000)
        #expect(state.ok(.floorGrant(participant: "h1"), by: "f1", at: SessionFixture.at(13)).isEmpty)
        #expect(state.floor.since == SessionFixture.at(12))
    }

    @Test func phaseChangeAndEndCloseTheTurn() {
        var state = SessionFixture.started()
        state.ok(.handRaise(kind: .contribution), by: "h1", at: SessionFixture.at(1))
        state.ok(.floorGrant(participant: "r1"), by: "f1", at: SessionFixture.at(5))
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(65))
        #expect(state.floor.speaker == nil)
        #expect(state.floor.queue.isEmpty)
        #expect(state.floor.spokenMs == ["r1": 60_000])
        state.ok(.phaseNext(), by: "f1", at: SessionFixture.at(70))
        state.ok(.floorGrant(participant: "r2"), by: "f1", at: SessionFixture.at(80))
        let events = state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(100))
        #expect(events.map(\.name) == ["clock.changed", "floor.changed"])
        #expect(state.floor.spokenMs == ["r1": 60_000, "r2": 20_000])
    }

    @Test func badTurnLengthsAreRefused() throws {
        var state = SessionFixture.started()
        let before = try EncodedJSON.string(state)
        for seconds in [0, -5, 3601, .infinity, .nan, 0.0001] {
            let grant = state.refused(.floorGrant(participant: "r1", turnSec: seconds), by: "f1", at: SessionFixture.at(1))
            #expect(grant?.code == .badRequest)
            #expect(grant?.message.contains("turnSec") == true)
            #expect(state.refused(.floorNext(turnSec: seconds), by: "f1", at: SessionFixture.at(1))?.code == .badRequest)
        }
        #expect(try EncodedJSON.string(state) == before)
    }

    @Test func floorEncodesTheProtocolShape() throws {
        var state = SessionFixture.started()
        let empty = try EncodedJSON.object(state.floor)
        #expect(Set(empty.keys) == ["mode", "speaker", "since", "turnEndsAt", "queue", "round", "spokenSec"])
        #expect(empty["speaker"] is NSNull)
        #expect(empty["round"] is NSNull)
        state.ok(.handRaise(kind: .response), by: "h1", at: SessionFixture.at(1))
        state.ok(.floorGrant(participant: "r1", turnSec: 2.5), by: "f1", at: SessionFixture.at(1))
        state.ok(.floorRelease(), by: "r1", at: SessionFixture.at(3.25))
        let json = try EncodedJSON.object(state.floor)
        #expect((json["spokenSec"] as? [String: Double]) == ["r1": 2.25])
        let hand = try #require((json["queue"] as? [[String: Any]])?.first)
        #expect(hand["participant"] as? String == "h1")
        #expect(hand["kind"] as? String == "response")
        #expect(hand["raisedAt"] as? String == "2026-12-01T09:30:01.000Z")
        #expect(try EncodedJSON.decode(Floor.self, from: EncodedJSON.string(state.floor)) == state.floor)
    }
}
