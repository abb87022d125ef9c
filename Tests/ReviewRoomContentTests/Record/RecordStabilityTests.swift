import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: a final record is stable; drafts count turns as the floor does; log wording")
struct RecordStabilityTests {
    @Test("a final record is the same bytes in every format whenever it is made, dated by its last change")
    func aFinalRecordIsTheSameBytesWheneverItIsMade() throws {
        let review = try ScriptedReview.played()
        // A minute, and then a day, after the end: the local "as of" time would move with both.
        for format in [RecordFormat.markdown, .html, .json] {
            let first = RecordRenderer.render(review.input(at: 1100), as: format)
            let aMinuteLater = first == RecordRenderer.render(review.input(at: 1161), as: format)
            let aDayLater = first == RecordRenderer.render(review.input(at: 90_000), as: format)
            #expect(aMinuteLater && aDayLater, "\(format) changed with the time it was made")
        }
        let record = ReviewRecord(review.input(at: 90_000))
        #expect(!record.draft)
        #expect(record.generatedAt == ScriptedReview.at(1060), "the end, the last change the record shows")
        #expect(record.generatedAtLocal == "2026-12-01 09:47 GMT")
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 90_000), as: .markdown), as: UTF8.self)
        #expect(markdown.contains("- **Record as of:** 2026-12-01 09:47 GMT"))
    }

    @Test("a change after the end (a participant renamed) dates the final record; a draft is dated when made")
    func aLaterChangeDatesTheFinalRecordAndADraftIsDatedWhenMade() throws {
        var review = try ScriptedReview.played()
        // A rename: after the end a removal changes nothing (the list is who took part).
        try review.change(.rename(id: "r2", name: "Ben Okafor"), at: 1500)
        #expect(ReviewRecord(review.input(at: 2000)).generatedAt == ScriptedReview.at(1500))
        let running = try ScriptedReview.played(ending: false)
        let draft = ReviewRecord(running.input(at: 1100))
        #expect(draft.draft)
        #expect(draft.generatedAt == ScriptedReview.at(1100))
        #expect(ReviewRecord(running.input(at: 1161)).generatedAtLocal == "2026-12-01 09:49 GMT")
    }

    @Test("the log says a phase was shortened by a length, not by a negative one")
    func shorteningIsLoggedWithoutADoubleNegative() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.clockExtend(seconds: -30), by: "f1", at: 1020)
        let texts = ReviewRecord(review.input(at: 1030)).log.map(\.text)
        #expect(texts.contains("Shortened phase 3 “Actions” by 30 s"), "\(texts)")
        #expect(texts.contains("Extended phase 1 “Host context” by 2 min"), "\(texts)")
        #expect(!texts.contains { $0.contains("by −") || $0.contains("by +") })
        // The phase's own line says it in words too, and leaves out an overtime of 0 s (a record
        // audit read "extended −9 min 40 s" and "overtime 0 s" on every line).
        let lines = String(decoding: RecordRenderer.render(review.input(at: 1030), as: .markdown), as: UTF8.self)
            .split(separator: "\n").filter { $0.hasPrefix("- Phase 3 run from") }
        #expect(lines == ["- Phase 3 run from 2026-12-01 09:46 GMT: shortened by 30 s."], "\(lines)")
    }

    @Test("a draft counts a running turn without the clock's pause, as ending the turn then does")
    func aRunningTurnLeavesThePauseOut() throws {
        var review = try ScriptedReview.played(ending: false)
        let before = try #require(ReviewRecord(review.input(at: 1015)).speaking.people.first { $0.id == "r1" }).seconds
        try review.run(.floorGrant(participant: "r1"), by: "f1", at: 1020)
        try review.run(.clockPause, by: "f1", at: 1030)
        let paused = try #require(ReviewRecord(review.input(at: 1090)).speaking.people.first { $0.id == "r1" })
        #expect(paused.seconds == before + 10, "10 s spoken, then 60 s of pause that are nobody's turn")
        try review.run(.clockResume, by: "f1", at: 1100)
        let resumed = try #require(ReviewRecord(review.input(at: 1105)).speaking.people.first { $0.id == "r1" })
        #expect(resumed.seconds == before + 15)
        try review.run(.floorRelease(), by: "f1", at: 1110)
        let ended = try #require(ReviewRecord(review.input(at: 1200)).speaking.people.first { $0.id == "r1" })
        #expect(ended.seconds == before + 20)
        #expect(review.state.floor.spokenSec["r1"] == before + 20, "the floor's own total agrees")
    }

    @Test("taking back a question's discussed mark is logged, so the log agrees with the questions")
    func unmarkingDiscussedIsLogged() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.promptDiscussed(prompt: "q1", discussed: false), by: "f1", at: 1020)
        let record = ReviewRecord(review.input(at: 1030))
        #expect(record.questions.first { $0.id == "q1" }?.discussed == false)
        let texts = record.log.map(\.text)
        #expect(texts.contains("Question marked discussed: “How do pupils choose books?”"))
        #expect(texts.last == "Question no longer marked discussed: “How do pupils choose books?”", "\(texts)")
    }

    @Test("a tilde is escaped in Markdown's one-line fields, so ~~name~~ is not struck through")
    func tildesAreEscapedInMarkdown() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.edit(SessionEdit(title: "~~Reading~~ for pleasure"), at: 1010)
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 1020), as: .markdown), as: UTF8.self)
        #expect(markdown.hasPrefix("# Review record: \\~\\~Reading\\~\\~ for pleasure\n"))
    }

    @Test("a long name is cut with an ellipsis in the HTML chart, and given whole in the table")
    func longNamesFitTheChart() throws {
        var review = try ScriptedReview.played(ending: false)
        let long = "Dr Catherine Featherstonehaugh-Williams"
        try review.change(.add(Participant(id: "r9", name: long, role: .reviewer)), at: 1010)
        let html = String(decoding: RecordRenderer.render(review.input(at: 1020), as: .html), as: UTF8.self)
        #expect(html.contains("<th scope=\"row\">\(long)</th>"))
        #expect(html.contains(">Dr Catherine Featherstone…</text>"))
        #expect(!html.contains(">\(long)</text>"))
        #expect(html.contains(">Asha</text>"), "a short name is whole")
    }
}
