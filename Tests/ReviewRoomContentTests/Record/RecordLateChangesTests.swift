import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: late question changes and hands raised are in the log")
struct RecordLateChangesTests {
    /// The scripted review (q1 shown at 10 s, discussed at 500 s) with a question added live at
    /// 1005 s, q2 reworded and q3 taken out by a PATCH at 1010 s, then the end.
    static func withLateQuestionChanges() throws -> RecordInput {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.promptAdd(text: "What would | <b>you</b> try first?", theme: "added"), by: "f1", at: 1005)
        let deck = review.state.prompts.deck.filter { $0.id != "q3" }.map { prompt in
            prompt.id == "q2" ? Prompt(id: "q2", text: "What helps readers who hold back?", theme: prompt.theme) : prompt
        }
        try review.edit(SessionEdit(deck: deck), at: 1010)
        try review.run(.sessionEnd, by: "f1", at: 1060)
        return review.input(at: 1100)
    }

    @Test("the log names the question added live, the one reworded (old and new wording) and the one taken out")
    func lateQuestionChangesAreLogged() throws {
        let record = ReviewRecord(try Self.withLateQuestionChanges())
        let questions = record.log.filter { $0.kind == "question" }.map(\.text)
        #expect(questions.contains("Question added: “What would | <b>you</b> try first?”"), "\(questions)")
        #expect(questions.contains("Question reworded: “What helps reluctant readers?” → “What helps readers who hold back?”"),
                "\(questions)")
        #expect(questions.contains("Question taken out of the deck: “Where do families fit in?”"), "\(questions)")
        let added = try #require(record.log.first { $0.text.hasPrefix("Question added") })
        #expect(added.by == "Fran" && added.time == "09:46:45")
        // Showing and marking discussed are logged as before, once each.
        #expect(questions.filter { $0.hasPrefix("Question shown") }.count == 1)
        #expect(questions.filter { $0.hasPrefix("Question marked discussed") }.count == 1)
    }

    @Test("the late question changes are escaped in Markdown and HTML")
    func lateQuestionChangesAreEscaped() throws {
        let input = try Self.withLateQuestionChanges()
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("— Question added: “What would \\| &lt;b\\>you&lt;/b\\> try first?” (by Fran)"))
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("<td>Question added: “What would | &lt;b&gt;you&lt;/b&gt; try first?”</td>"))
        #expect(!html.contains("<b>you"))
    }

    @Test("a session edit that leaves the deck alone logs no question change")
    func anEditThatKeepsTheDeckLogsNoQuestionChange() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.edit(SessionEdit(title: "Reading for pleasure, renamed"), at: 1010)
        let texts = ReviewRecord(review.input(at: 1020)).log.map(\.text)
        #expect(texts.contains("Title: “Reading for pleasure” → “Reading for pleasure, renamed”"), "\(texts)")
        #expect(!texts.contains { $0.hasPrefix("Question added") || $0.hasPrefix("Question reworded")
            || $0.hasPrefix("Question taken out") }, "\(texts)")
    }

    @Test("the log names hands raised, a hand lowered, and who was still waiting when the session ended")
    func handsAreLogged() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.handRaise(kind: .contribution), by: "r1", at: 1011)
        try review.run(.handRaise(kind: .response), by: "h1", at: 1012)
        try review.run(.handRaise(kind: .contribution), by: "r2", at: 1013)
        try review.run(.handLower(), by: "r2", at: 1014)
        try review.run(.floorNext(), by: "f1", at: 1020)
        try review.run(.sessionEnd, by: "f1", at: 1060)
        let input = review.input(at: 1100)
        let record = ReviewRecord(input)
        let lines = record.log.filter { $0.seq > 0 }.map { "\($0.time) \($0.text)" + ($0.by.map { " [\($0)]" } ?? "") }
        let tail = Array(lines.drop { !$0.hasPrefix("09:46:51") })
        #expect(tail == [
            "09:46:51 Hand raised: Asha [Asha]",
            "09:46:52 Hand raised: Ben (direct response) [Ben]",
            "09:46:53 Hand raised: Raj [Raj]",
            "09:46:54 Hand lowered: Raj [Raj]",
            "09:47:00 Floor to Ben [Fran]",
            "09:47:40 Session ended [Fran]",
            // Nobody lowered it: the end reset the floor (it read "Hand lowered: Asha (Fran)").
            "09:47:40 Hand still up when the session ended: Asha [Fran]",
            "09:47:40 Turn ended when the session ended: Ben [Fran]",
        ], "\(tail)")
        // Markdown names the author after "by", and not at all where the line names them alone.
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        let logLines = markdown.split(separator: "\n").filter { $0.hasPrefix("- 09:4") }.map { String($0.dropFirst(13)) }
        #expect(Array(logLines.drop { !$0.hasPrefix("Hand raised: Asha") }) == [
            "Hand raised: Asha", "Hand raised: Ben (direct response)", "Hand raised: Raj", "Hand lowered: Raj",
            "Floor to Ben (by Fran)", "Session ended (by Fran)",
            "Hand still up when the session ended: Asha (by Fran)", "Turn ended when the session ended: Ben (by Fran)",
        ], "\(logLines)")
        #expect(record.log.allSatisfy { $0.kind != "hand" }, "hands are floor entries: the schema's kinds are unchanged")
    }

    @Test("hands a phase move clears are logged as still up then, not as lowered")
    func handsClearedByAPhaseMoveAreStillUp() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.handRaise(kind: .contribution), by: "r1", at: 1011)
        try review.run(.handRaise(kind: .contribution), by: "r2", at: 1012)
        try review.run(.phasePrev(), by: "f1", at: 1020)
        try review.run(.handRaise(kind: .contribution), by: "r1", at: 1030)
        try review.run(.handLower(), by: "r1", at: 1031)
        let texts = ReviewRecord(review.input(at: 1100)).log.filter { $0.seq > 0 }.map(\.text)
        #expect(Array(texts.suffix(4)) == ["Moved to phase 2 “Reviewer reflections”", "Hands still up when the phase moved on: Asha, Raj",
                                           "Hand raised: Asha", "Hand lowered: Asha"], "\(texts)")
    }

    @Test("a turn a phase move cuts short is logged as ended then")
    func aTurnEndedByAPhaseMoveIsLogged() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.floorGrant(participant: "r2"), by: "f1", at: 1011)
        try review.run(.phasePrev(), by: "f1", at: 1020)
        let texts = ReviewRecord(review.input(at: 1100)).log.filter { $0.seq > 0 }.map(\.text)
        // The turn's end had no line at all: the record said Raj got the floor and never that it ended.
        #expect(Array(texts.suffix(3)) == ["Floor to Raj", "Moved to phase 2 “Reviewer reflections”",
                                           "Turn ended when the phase moved on: Raj"], "\(texts)")
    }

    @Test("a round moving on after its speaker passes is not credited to them")
    func aRoundTurnAfterAPassIsNotCreditedToThePasser() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.roundStart(order: ["r1", "r2"], secondsEach: 60), by: "f1", at: 1011)
        try review.run(.roundPass, by: "r1", at: 1015)
        let entries = ReviewRecord(review.input(at: 1100)).log.filter { $0.seq > 0 }
        let turn = try #require(entries.last { $0.text == "Round turn: Raj" })
        #expect(turn.by == nil, "\(turn)")
        #expect(entries.contains { $0.text == "Asha passed" && $0.by == "Asha" })
        let started = try #require(entries.first { $0.text == "Round turn: Asha" })
        #expect(started.by == "Fran", "the facilitator's start is still theirs: \(started)")
    }

    @Test("a round the end or a phase move stops says so, and whose turn it cut short")
    func aRoundStoppedByTheEndOrAPhaseMoveSaysSo() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.roundStart(order: ["r1", "r2"], secondsEach: 60), by: "f1", at: 1011)
        try review.run(.phasePrev(), by: "f1", at: 1020)
        try review.run(.roundStart(order: ["r1", "r2"], secondsEach: 60), by: "f1", at: 1030)
        try review.run(.roundPass, by: "r1", at: 1035)
        try review.run(.sessionEnd, by: "f1", at: 1040)
        let texts = ReviewRecord(review.input(at: 1100)).log.filter { $0.seq > 0 }.map(\.text)
        #expect(texts.contains("Round stopped when the phase moved on, during the turn of Asha"), "\(texts)")
        // Raj's turn was cut short: stopped, though the round had reached its last person.
        #expect(texts.contains("Round stopped when the session ended, during the turn of Raj"), "\(texts)")
    }

    @Test("the round's last person ending their turn is a turn of its length, pass or finish, and a draft calls a round still running so")
    func aLastTurnIsItsLengthAndARunningRoundIsNotStoppedEarly() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.roundStart(order: ["r1", "r2"], secondsEach: 60), by: "f1", at: 1011)
        let draft = String(decoding: RecordRenderer.render(review.input(at: 1012), as: .markdown), as: UTF8.self)
        #expect(draft.contains(": Asha speaking when the record was made. Still to come: Raj. Still running."), "\(draft)")
        try review.run(.roundPass, by: "r1", at: 1015)
        var finished = review
        try review.run(.roundPass, by: "r2", at: 1020)
        try finished.run(.floorRelease(), by: "r2", at: 1020)
        // Raj's Pass and his "Finish my turn" end the round with the same event: the record says
        // what it knows, a turn of 5 s, for both (it used to call both a pass).
        for played in [review, finished] {
            let record = ReviewRecord(played.input(at: 1100))
            let round = try #require(record.rounds.last)
            #expect(round.passed.map(\.name) == ["Asha"] && round.reachedEnd && round.endedAt != nil)
            let texts = record.log.filter { $0.seq > 0 }.map(\.text)
            #expect(Array(texts.suffix(3)) == ["Asha passed", "Round turn: Raj", "Round finished"], "\(texts)")
            let markdown = String(decoding: RecordRenderer.render(played.input(at: 1100), as: .markdown), as: UTF8.self)
            #expect(markdown.contains(" each: Asha passed after 4 s; Raj 5 s.\n"), "\(markdown)")
        }
    }

    @Test("a turn's end and a question hidden are in the log")
    func aTurnEndAndAHiddenQuestionAreLogged() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.floorGrant(participant: "h1"), by: "f1", at: 1011)
        try review.run(.floorRelease(), by: "h1", at: 1030)
        try review.run(.promptShow(prompt: "q2"), by: "f1", at: 1031)
        try review.run(.promptHide, by: "f1", at: 1040)
        let lines = ReviewRecord(review.input(at: 1100)).log.filter { $0.seq > 0 }
            .map { $0.text + ($0.by.map { " (\($0))" } ?? "") }
        #expect(Array(lines.suffix(4)) == ["Floor to Ben (Fran)", "Turn ended: Ben (Ben)",
                                           "Question shown: “What helps reluctant readers?” (Fran)",
                                           "Question hidden: “What helps reluctant readers?” (Fran)"], "\(lines)")
    }
}
