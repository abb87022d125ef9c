import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("The record's log reads a hand raised and lowered over and over as one line")
struct RecordHandFlurriesTests {
    private func logLines(_ review: ScriptedReview, at seconds: Double) -> [String] {
        let lines = ReviewRecord(review.input(at: seconds)).log.filter { $0.seq > 0 }
            .map { "\($0.time) \($0.text)" + ($0.by.map { " [\($0)]" } ?? "") }
        return Array(lines.drop { !$0.hasPrefix("09:46:5") })
    }

    /// `who` raises a hand of each of `kinds` in turn, one every `every` seconds from `from`, and
    /// lowers it half way to the next.
    private func flick(_ review: inout ScriptedReview, _ who: String, from: Double, every: Double,
                       _ kinds: [HandKind]) throws {
        for (pair, kind) in kinds.enumerated() {
            try review.run(.handRaise(kind: kind), by: who, at: from + Double(pair) * every)
            try review.run(.handLower(), by: who, at: from + (Double(pair) + 0.5) * every)
        }
    }

    @Test("forty raise-and-lower pairs in eight seconds are one line, dated by the first raise")
    func aFlurryIsOneLine() throws {
        var review = try ScriptedReview.played(ending: false)
        try flick(&review, "r1", from: 1011, every: 0.2, Array(repeating: .contribution, count: 40))
        try review.run(.handRaise(kind: .contribution), by: "r1", at: 1019.5)
        try review.run(.handRaise(kind: .response), by: "h1", at: 1020)
        let lines = logLines(review, at: 1100)
        #expect(lines == [
            "09:46:51 Hand raised and lowered 40 times (until 09:46:58): Asha [Asha]",
            // The hand left up is a line of its own, as is everyone else's.
            "09:46:59 Hand raised: Asha [Asha]",
            "09:47:00 Hand raised: Ben (direct response) [Ben]",
        ], "\(lines)")
        let input = review.input(at: 1100)
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("— Hand raised and lowered 40 times (until 09:46:58): Asha\n"), "no “(by Asha)” after the line that names her")
        #expect(markdown.components(separatedBy: "Hand lowered").count == 1, "no lowering is left on a line of its own")
    }

    @Test("a hand put up by mistake, slow changes and a facilitator's lowering stay line by line")
    func ordinaryChangesStay() throws {
        var review = try ScriptedReview.played(ending: false)
        // Two quick pairs: fewer than three.
        try flick(&review, "r1", from: 1011, every: 2, [.contribution, .contribution])
        // Three pairs, but a minute apart.
        try flick(&review, "r2", from: 1020, every: 60, Array(repeating: .contribution, count: 3))
        // Three quick pairs, the middle one lowered by the facilitator.
        try review.run(.handRaise(kind: .contribution), by: "h1", at: 1300)
        try review.run(.handLower(), by: "h1", at: 1300.5)
        try review.run(.handRaise(kind: .contribution), by: "h1", at: 1301)
        try review.run(.handLower(participant: "h1"), by: "f1", at: 1301.5)
        try review.run(.handRaise(kind: .contribution), by: "h1", at: 1302)
        try review.run(.handLower(), by: "h1", at: 1302.5)
        let lines = logLines(review, at: 1400)
        #expect(lines.filter { $0.contains(" Hand ") }.count == 16, "each change is a line of its own: \(lines)")
        #expect(!lines.contains { $0.contains("raised and lowered") }, "\(lines)")
        #expect(lines.contains("09:51:41 Hand lowered: Ben [Fran]"), "\(lines)")
    }

    @Test("a flurry of direct-response hands says so; one of both kinds does not")
    func directResponses() throws {
        var review = try ScriptedReview.played(ending: false)
        try flick(&review, "r1", from: 1011, every: 1, [.response, .response, .response])
        try flick(&review, "r2", from: 1030, every: 1, [.response, .contribution, .response])
        let lines = logLines(review, at: 1100)
        #expect(lines == [
            "09:46:51 Hand raised as a direct response and lowered 3 times (until 09:46:53): Asha [Asha]",
            "09:47:10 Hand raised and lowered 3 times (until 09:47:12): Raj [Raj]",
        ], "\(lines)")
    }

    @Test("two people's changes between one person's break the flurry where they fall")
    func othersLinesBreakIt() throws {
        var review = try ScriptedReview.played(ending: false)
        try flick(&review, "r1", from: 1011, every: 1, Array(repeating: .contribution, count: 3))
        try review.run(.handRaise(kind: .contribution), by: "r2", at: 1014.2)
        try flick(&review, "r1", from: 1015, every: 1, Array(repeating: .contribution, count: 3))
        let lines = logLines(review, at: 1100)
        #expect(lines == [
            "09:46:51 Hand raised and lowered 3 times (until 09:46:53): Asha [Asha]",
            "09:46:54 Hand raised: Raj [Raj]",
            "09:46:55 Hand raised and lowered 3 times (until 09:46:57): Asha [Asha]",
        ], "\(lines)")
    }

    @Test("a flurry that ends after midnight dates its end")
    func acrossMidnight() throws {
        var review = try ScriptedReview.played(ending: false)
        // 09:30 plus 52,195 seconds is 23:59:55; the eighth lowering falls at 00:00:02.
        try flick(&review, "r1", from: 52_195, every: 1, Array(repeating: .contribution, count: 8))
        let log = ReviewRecord(review.input(at: 52_300)).log
        let flurry = try #require(log.first { $0.text.contains("raised and lowered") }, "\(log)")
        #expect(flurry.date == "2026-12-01" && flurry.time == "23:59:55", "\(flurry)")
        #expect(flurry.text == "Hand raised and lowered 8 times (until 2026-12-02 00:00:02): Asha", "\(flurry)")
    }
}
