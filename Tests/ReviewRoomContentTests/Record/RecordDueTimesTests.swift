import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

/// The agenda gave planned lengths and actual starts, but not when each phase was due, so a
/// host asking "how late did we get to the actions?" worked it out by hand in the workshop.
@Suite("Review record: when each phase was due")
struct RecordDueTimesTests {
    /// A session started 7 minutes late, then run to the script.
    static func lateStart() throws -> RecordInput {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 420)
        try review.run(.phaseNext(), by: "f1", at: 1_100)
        return review.input(at: 1_200)
    }

    @Test("each phase is due at the start plus the planned lengths before it")
    func dueIsTheStartPlusThePlannedLengthsBefore() throws {
        let record = ReviewRecord(try Self.lateStart())
        let start = ScriptedReview.at(0)
        #expect(record.agenda.map(\.dueAt) == [start, start.adding(seconds: 600), start.adding(seconds: 900)])
        // The fixture starts at 09:30 London time (GMT in December).
        #expect(record.agenda.map(\.dueAtLocal) == ["2026-12-01 09:30 GMT", "2026-12-01 09:40 GMT", "2026-12-01 09:45 GMT"])
        #expect(record.agenda[0].dueAtLocal == record.session.startsAtLocal)
        #expect(record.agenda[0].runs.first?.startedAtLocal == "2026-12-01 09:37 GMT")
    }

    @Test("a table whose times are on two dates keeps the whole text in every cell")
    func twoDatesKeepTheirDates() throws {
        var review = ScriptedReview()
        // Planned for the day before, run today: Due and Started are on two dates.
        try review.edit(SessionEdit(startsAt: ScriptedReview.at(-86_400)), at: -3600)
        try review.run(.sessionStart, by: "f1", at: 0)
        let input = review.input(at: 60)
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(!markdown.contains("Times are on"), "\(markdown)")
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| 1 |") })
        #expect(row.contains("| 2026-11-30 09:30 GMT | 2026-12-01 09:30 GMT |"), "\(row)")
    }

    @Test("Markdown and HTML show Due beside Started; JSON carries dueAt")
    func everyFormatShowsIt() throws {
        let input = try Self.lateStart()
        let record = ReviewRecord(input)
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("| Difference | Due | Started | Ended |"))
        let first = try #require(record.agenda.first)
        let started = try #require(first.runs.first?.startedAtLocal)
        // One date and zone name for the whole table: said once above it, the cells give the time.
        let time = { (text: String) in String(text.split(separator: " ")[1]) }
        #expect(markdown.contains("Times are on 2026-12-01, GMT.\n"), "\(markdown)")
        #expect(markdown.contains("| \(time(first.dueAtLocal)) | \(time(started)) |"))
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("<th scope=\"col\">Due</th><th scope=\"col\">Started</th>"))
        #expect(html.contains("<p class=\"muted\">Times are on 2026-12-01, GMT.</p>"))
        #expect(html.contains("<td class=\"time\">\(time(first.dueAtLocal))</td><td class=\"time\">\(time(started))</td>"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(RecordRenderer.render(input, as: .json))) as? [String: Any])
        let agenda = try #require(json["agenda"] as? [[String: Any]])
        #expect(agenda.compactMap { $0["dueAtLocal"] as? String } == record.agenda.map(\.dueAtLocal))
        #expect(agenda.allSatisfy { $0["dueAt"] is String })
    }
}
