import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: a final record is stable; log wording")
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

    @Test("a change after the end (a participant removed) dates the final record; a draft is dated when made")
    func aLaterChangeDatesTheFinalRecordAndADraftIsDatedWhenMade() throws {
        var review = try ScriptedReview.played()
        try review.change(.remove(id: "r2"), at: 1500)
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
    }
}
