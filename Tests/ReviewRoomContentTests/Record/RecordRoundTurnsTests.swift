import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

/// A round's entry said only its order and who passed (a record audit, session 52): not how long
/// each person spoke, whose turn ran while they were offline (and still counted as speaking
/// time), or who never had a turn because the round stopped.
@Suite("Review record: each turn of a round, and whose ran offline")
struct RecordRoundTurnsTests {
    @Test("each turn has its length as speaking time counts it, and whether its person passed")
    func turnsAsTaken() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        let turns = try #require(record.rounds.first).turns
        #expect(turns.map(\.person.id) == ["r1", "r2", "h1"])
        #expect(turns.map(\.seconds) == [20, 60, 60])
        #expect(turns.map(\.passed) == [true, false, false])
        #expect(turns.map(\.endedAt) == [ScriptedReview.at(830), ScriptedReview.at(890), ScriptedReview.at(950)])
        #expect(turns.allSatisfy { $0.online == nil }, "attendance unknown: not guessed")
        let speaking = Dictionary(uniqueKeysWithValues: record.speaking.people.map { ($0.id, $0.seconds) })
        #expect(speaking["r2"] == 60, "Raj spoke only in the round: his one turn is all his speaking time")
    }

    @Test("a turn taken while its person was not online is marked, and the speaking time says it counts")
    func offlineTurns() throws {
        var input = try ScriptedReview.played().input(at: 1100)
        input.attendance = [
            RecordOnlineInterval(participant: "f1", joinedAt: ScriptedReview.at(-60), leftAt: nil),
            RecordOnlineInterval(participant: "r1", joinedAt: ScriptedReview.at(-60), leftAt: nil),
            RecordOnlineInterval(participant: "r2", joinedAt: ScriptedReview.at(-60), leftAt: ScriptedReview.at(820)),
        ]
        let record = ReviewRecord(input)
        #expect(try #require(record.rounds.first).turns.map(\.online) == [true, false, false],
                "Raj left 10 s before his turn; Ben never joined online")
        let markdown = input.text(.markdown)
        #expect(markdown.contains("\n1. 2026-12-01 09:43 GMT, 1 min each: Asha passed after 20 s; Raj 1 min, not online; "
                                  + "Ben 1 min, not online.\n"), "\(markdown)")
        #expect(markdown.contains("These times include round turns taken while the person was not online: Raj 1 min, Ben 1 min."))
        #expect(input.text(.html).contains("<p>These times include round turns taken while the person was not online: "
                                                  + "Raj 1 min, Ben 1 min.</p>"))
        let json = Data(RecordRenderer.render(input, as: .json))
        #expect(try SchemaValidator(json: RecordSchema.json).violations(of: json).isEmpty)
        #expect(try JSONDecoder().decode(ReviewRecord.self, from: json).rounds == record.rounds)
    }

    @Test("a round stopped by a phase move names who had no turn, and the cut turn keeps its time")
    func stoppedRoundNamesWhoHadNoTurn() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.phaseNext(), by: "f1", at: 60)
        try review.run(.roundStart(order: ["r1", "r2", "h1"], secondsEach: 60), by: "f1", at: 70)
        try review.run(.phaseNext(), by: "f1", at: 100)
        let record = ReviewRecord(review.input(at: 110))
        let round = try #require(record.rounds.first)
        #expect(round.turns.map(\.person.id) == ["r1"] && round.turns.map(\.seconds) == [30] && !round.reachedEnd)
        #expect(review.input(at: 110).text(.markdown)
                    .contains("\n1. 2026-12-01 09:31 GMT, 1 min each: Asha 30 s. No turn: Raj, Ben. Stopped early.\n"))
        #expect(review.input(at: 110).text(.markdown).contains("No rounds.") == false)
    }
}
