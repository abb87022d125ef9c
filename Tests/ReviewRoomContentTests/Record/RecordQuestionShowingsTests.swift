import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

/// The workshop's question: what was said about each enquiry question? (A record audit, session
/// 52, found the record could not tell.) Each question lists the stretches it was on screen,
/// per phase, and who had the floor meanwhile.
@Suite("Review record: when each question was on screen, and who spoke meanwhile")
struct RecordQuestionShowingsTests {
    static func seconds(_ instant: Timestamp?) -> Double? {
        instant.map { Double($0.millisecondsSince1970 - ScriptedReview.start.millisecondsSince1970) / 1000 }
    }

    @Test("a question left up across phase moves has one stretch per phase, each with its speakers in order")
    func stretchesPerPhase() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        #expect(record.questions.map(\.number) == [1, 2, 3])
        let q1 = record.questions[0].showings
        #expect(q1.map { Self.seconds($0.shownAt) } == [10, 800, 1000])
        #expect(q1.map { Self.seconds($0.hiddenAt) } == [800, 1000, 1060], "ended by the phase moves, then by the end")
        #expect(q1.map(\.phase) == [0, 1, 2])
        #expect(q1.map { $0.speakers.map(\.id) } == [["h1", "r1"], ["r1", "r2", "h1"], []])
        #expect(record.questions[1].showings.isEmpty && record.questions[2].showings.isEmpty)
    }

    @Test("another question shown or the question hidden ends its stretch; the speaker when it appeared counts")
    func showingEndsWhenReplacedOrHidden() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.floorGrant(participant: "h1"), by: "f1", at: 5)
        try review.run(.promptShow(prompt: "q2"), by: "f1", at: 30)
        try review.run(.floorGrant(participant: "r2"), by: "f1", at: 60)
        try review.run(.floorGrant(participant: "h1"), by: "f1", at: 70)
        try review.run(.promptShow(prompt: "q3"), by: "f1", at: 90)
        try review.run(.floorRelease(), by: "f1", at: 100)
        try review.run(.promptHide, by: "f1", at: 150)
        try review.run(.floorGrant(participant: "r1"), by: "f1", at: 160)
        try review.run(.promptShow(prompt: "q2"), by: "f1", at: 200)
        let record = ReviewRecord(review.input(at: 260))
        let q2 = record.questions[1].showings, q3 = record.questions[2].showings
        #expect(q2.map { Self.seconds($0.shownAt) } == [30, 200])
        #expect(q2.map { Self.seconds($0.hiddenAt) } == [90, nil], "the second stretch is still on screen in the draft")
        #expect(q2.map { $0.speakers.map(\.id) } == [["h1", "r2"], ["r1"]],
                "Ben spoke when it appeared and again after Raj: listed once, in the order of his first turn")
        #expect(q3.map { Self.seconds($0.hiddenAt) } == [150])
        #expect(q3.map { $0.speakers.map(\.id) } == [["h1"]])
        let markdown = review.input(at: 260).text(.markdown)
        #expect(markdown.contains("\n2. “What helps reluctant readers?” — not discussed\n"
                                  + "   - Shown 09:30–09:31 (1 min) in phase 1 “Host context”; had the floor: Ben, Raj.\n"
                                  + "   - On screen from 09:33 until the record was made in phase 1 “Host context”; had the floor: Asha.\n"),
                "\(markdown)")
        #expect(markdown.contains("\n3. “Where do families fit in?” — not discussed\n"
                                  + "   - Shown 09:31–09:32 (1 min) in phase 1 “Host context”; had the floor: Ben.\n"))
        #expect(markdown.contains("\n1. “How do pupils choose books?” — not discussed; never shown\n"))
    }

    @Test("a question shown before the start has no phase until the start, which begins a new stretch")
    func shownBeforeTheStart() throws {
        var review = ScriptedReview()
        try review.run(.promptShow(prompt: "q1"), by: "f1", at: -120)
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let record = ReviewRecord(review.input(at: 100))
        let q1 = record.questions[0].showings
        #expect(q1.map(\.phase) == [nil, 0])
        #expect(q1.map { Self.seconds($0.hiddenAt) } == [0, 60])
        let html = review.input(at: 100).text(.html)
        #expect(html.contains("<li>Shown 09:28–09:30 (2 min) before the session started; nobody had the floor.</li>"), "\(html)")
        let json = Data(RecordRenderer.render(review.input(at: 100), as: .json))
        #expect(try SchemaValidator(json: RecordSchema.json).violations(of: json).isEmpty)
        #expect(try JSONDecoder().decode(ReviewRecord.self, from: json).questions == record.questions)
    }

    @Test("Markdown: numbered questions in words, no task boxes or HTML disclosure a word processor keeps as typed")
    func markdownPastesAsPlainText() throws {
        var review = ScriptedReview()
        try review.edit(SessionEdit(deck: [Prompt(id: "q1", text: "2. - [x] <b>Who</b> reads?")]), at: -60)
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.append("Seen.\n", to: "evidence", by: "r1", at: 10)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let markdown = review.input(at: 100).text(.markdown)
        #expect(markdown.contains("\n1. “2. - \\[x\\] &lt;b\\>Who&lt;/b\\> reads?” — not discussed; never shown\n"), "\(markdown)")
        #expect(!markdown.contains("<details>") && !markdown.contains("</details>") && !markdown.contains("- [ ]"))
        #expect(markdown.contains("\nWho wrote what:\n\n- Asha: “Seen.”\n"))
    }

    @Test("Markdown: a passage of several lines is quoted on one line with its line breaks shown")
    func markdownPassageKeepsItsLines() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.append("- Story time daily\n\n- Volunteers back  \n", to: "evidence", by: "r1", at: 10)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let markdown = review.input(at: 100).text(.markdown)
        #expect(markdown.contains("\n- Asha: “- Story time daily / - Volunteers back”\n"), "\(markdown)")
    }
}
