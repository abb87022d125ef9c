import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: right-to-left names in sentences and lists")
struct RecordBidiTests {
    static let (fsi, pdi) = ("\u{2068}", "\u{2069}")

    /// Two reviewers with Arabic and Hebrew names next to each other in the round's order: without
    /// isolates the bidirectional algorithm shows the pair as one right-to-left run, in swapped order.
    static func review() throws -> RecordInput {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.change(.add(Participant(id: "r3", name: "سارة", role: .reviewer)), at: 1)
        try review.change(.add(Participant(id: "r4", name: "נועה", role: .reviewer)), at: 2)
        try review.append("ملاحظة", to: "evidence", by: "r3", at: 5)
        try review.run(.phaseNext(), by: "f1", at: 10)
        try review.run(.roundStart(order: ["r3", "r4", "r1"], secondsEach: 60), by: "f1", at: 20)
        try review.run(.roundPass, by: "r3", at: 25)
        try review.run(.sessionEnd, by: "f1", at: 60)
        return review.input(at: 100)
    }

    @Test("a right-to-left name is isolated wherever it joins other text; a left-to-right one is left as it is")
    func rightToLeftNamesAreIsolated() throws {
        let input = try Self.review()
        let record = ReviewRecord(input)
        let (sara, noa) = ("\(Self.fsi)سارة\(Self.pdi)", "\(Self.fsi)נועה\(Self.pdi)")
        let log = record.log.map(\.text)
        #expect(log.contains("Round started: \(sara), \(noa), Asha, 1 min each"), "\(log)")
        #expect(log.contains("\(sara) passed"), "\(log)")
        #expect(log.contains("Participant added: \(noa) (reviewer)"), "\(log)")
        #expect(log.contains("Round turn: \(sara)"), "\(log)")
        // Data fields keep the name as written: only sentences and lists carry the isolates.
        #expect(record.participants.contains { $0.name == "سارة" })
        #expect(record.notes.first { $0.id == "evidence" }?.authors == ["سارة"])
        let markdown = String(decoding: RecordRenderer.render(record, as: .markdown), as: UTF8.self)
        let html = String(decoding: RecordRenderer.render(record, as: .html), as: UTF8.self)
        for text in [markdown, html] {
            #expect(text.contains("\(sara), \(noa), Asha"), "the round's order")
            #expect(text.contains("Written by\(text == markdown ? ":" : "") \(sara)."), "the note's authors")
            #expect(!text.contains("\(Self.fsi)Asha"), "left-to-right names are not wrapped")
        }
    }

    /// Names with direction-opening controls (the API takes any characters): an override left open
    /// reversed the rest of its line ("Participant added: Mallory (reweiver)"), and a name's own
    /// isolate took the wrapper's closing one.
    @Test("direction controls that a stored name opens are left out of every sentence")
    func directionOpenersInStoredNamesAreDropped() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.change(.add(Participant(id: "r6", name: "\u{2067}ليلى", role: .reviewer)), at: 2)
        try review.change(.add(Participant(id: "r5", name: "Mallory \u{202E}", role: .reviewer)), at: 3)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let record = ReviewRecord(review.input(at: 100))
        let log = record.log.map(\.text)
        #expect(log.contains("Participant added: Mallory  (reviewer)"), "\(log)")
        let markdown = String(decoding: RecordRenderer.render(record, as: .markdown), as: UTF8.self)
        let html = String(decoding: RecordRenderer.render(record, as: .html), as: UTF8.self)
        for text in [markdown, html] {
            let lines = text.split(whereSeparator: \.isNewline).filter { $0.contains("\u{202E}") || $0.contains("\u{2067}") }
            #expect(lines.isEmpty, "\(lines)")
            #expect(text.contains("\(Self.fsi)ليلى\(Self.pdi)"), "the name's own isolate gone, the wrapper's kept")
        }
    }

    /// A reviewer opens a right-to-left override in the note and never closes it. In the text
    /// area it ends with its line; in the record the lines of a quote are one paragraph, and
    /// the next author's words on the same line followed it too.
    @Test("an override left open in a note is closed where its writer's line ends, in every passage and list")
    func overridesLeftOpenInNotesAreClosed() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.append("Strength \u{202E}reading\nsecond line", to: "evidence", by: "r1", at: 5)
        try review.append(" and more \u{2067}كتب", to: "evidence", by: "r2", at: 6)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let record = ReviewRecord(review.input(at: 100))
        #expect(record.notes.first { $0.id == "evidence" }?.text == "Strength \u{202E}reading\nsecond line and more \u{2067}كتب",
                "the data keeps the note as written")
        let markdown = String(decoding: RecordRenderer.render(record, as: .markdown), as: UTF8.self)
        let html = String(decoding: RecordRenderer.render(record, as: .html), as: UTF8.self)
        for text in [markdown, html] {
            #expect(text.contains("Strength \u{202E}reading\u{202C}"), "closed before the line break")
            #expect(!text.contains("\u{202E}reading\n"), "never left open across a line")
            #expect(text.contains("\u{2067}كتب\u{2069}"), "the isolate closed at the end of its passage")
        }
        #expect(markdown.contains("“\(Self.fsi)and more \u{2067}كتب\u{2069}\(Self.pdi)”"),
                "a passage quoted in Who wrote what is an isolate of its own")
        #expect(markdown.contains("“\(Self.fsi)Strength \u{202E}reading\u{202C} / second line\(Self.pdi)”"),
                "the override closed before the passage's lines are joined")
    }
}
