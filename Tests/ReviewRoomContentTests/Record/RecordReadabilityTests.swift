import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: readable as the host school reads it")
struct RecordReadabilityTests {
    /// A screen reader moving down a column names each cell's row by its header: without one,
    /// "−56 s" in the Agenda's Difference column came with no phase, "0:03" with no person (an
    /// accessibility audit, session 51).
    @Test("every body row of every HTML table has one row header")
    func everyTableRowHasARowHeader() throws {
        let html = try ScriptedReview.played().input(at: 1200).text(.html)
        let bodies = html.components(separatedBy: "<tbody>").dropFirst().map { $0.components(separatedBy: "</tbody>")[0] }
        #expect(bodies.count >= 6, "the agenda, attendance, authors, speaking (2), phrases and log tables")
        for body in bodies {
            for row in body.components(separatedBy: "<tr").dropFirst() {
                #expect(row.components(separatedBy: "<th scope=\"row\"").count == 2, "\(row)")
            }
        }
    }

    /// A session ended without ever starting said `ended` with no time at all (a record audit,
    /// session 51): the JSON's `endedAt` and a "Ran" line say when.
    @Test("a session ended before it started says when it ended")
    func endedUnstarted() throws {
        var review = ScriptedReview()
        try review.run(.sessionEnd, by: "f1", at: -600)
        let input = review.input(at: 0)
        let record = ReviewRecord(input)
        #expect(record.session.status == "ended" && record.session.startedAt == nil)
        #expect(record.session.endedAt == ScriptedReview.at(-600))
        #expect(input.text(.markdown).contains("- **Ran:** never started; ended 2026-12-01 09:20 GMT"),
                "\(input.text(.markdown))")
    }

    @Test("a phase visited twice has one numbered Markdown line per visit, each with its own running time")
    func revisitedPhasesAreToldApart() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.phasePrev(), by: "f1", at: 1020)
        try review.run(.phaseNext(), by: "f1", at: 1050)
        try review.run(.sessionEnd, by: "f1", at: 1080)
        let lines = review.input(at: 1100).text(.markdown).split(separator: "\n").map(String.init)
        #expect(lines.contains("- Phase 2, visit 1 of 2, run from 2026-12-01 09:43 GMT: ran 3 min 20 s."),
                "\(lines.filter { $0.hasPrefix("- Phase") })")
        #expect(lines.contains("- Phase 2, visit 2 of 2, run from 2026-12-01 09:47 GMT: ran 30 s."))
        #expect(lines.contains("- Phase 3, visit 1 of 2, run from 2026-12-01 09:46 GMT: ran 20 s."))
        #expect(lines.contains("- Phase 1 run from 2026-12-01 09:30 GMT: extended +2 min, overtime 20 s."),
                "a phase run once keeps its one line")
    }

    @Test("HTML: a phase never run shows no extension or overtime figures, only dashes")
    func aPhaseNotRunHasNoFigures() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        let html = review.input(at: 60).text(.html)
        let row = try #require(html.split(separator: "\n").first { $0.hasPrefix("<tr id=\"phase-3\">") })
        let due = try #require(ReviewRecord(review.input(at: 60)).agenda.last?.dueAtLocal.split(separator: " ")[1])
        #expect(row.contains("<td class=\"num\">not run</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"time\">\(due)</td><td class=\"time\">—</td><td class=\"time\">—</td>"),
                "\(row)")
        let played = try ScriptedReview.played().input(at: 1100).text(.html)
        let ran = try #require(played.split(separator: "\n").first { $0.hasPrefix("<tr id=\"phase-1\">") })
        #expect(ran.contains("<td class=\"num\">+2 min</td><td class=\"num\">20 s</td>"), "\(ran)")
    }

    @Test("HTML: a session without rounds says so, with no empty list")
    func noRoundsNoEmptyList() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        let html = review.input(at: 10).text(.html)
        let section = try #require(html.range(of: "<section id=\"rounds\">").map { String(html[$0.lowerBound...]) })
        let rounds = try #require(section.range(of: "</section>").map { String(section[..<$0.upperBound]) })
        #expect(rounds == "<section id=\"rounds\">\n<h2>Rounds</h2>\n<p>No rounds.</p>\n</section>")
        #expect(try ScriptedReview.played().input(at: 1100).text(.html).contains("<ol>\n<li>"))
    }

    @Test("HTML: a session without questions says so, with no empty list")
    func noQuestionsNoEmptyList() throws {
        var review = ScriptedReview()
        try review.edit(SessionEdit(deck: []), at: 0)
        let html = review.input(at: 10).text(.html)
        #expect(html.contains("<h2>Enquiry questions</h2>\n<p>No questions.</p>\n</section>"))
        #expect(!html.contains("<ol class=\"questions\">"))
        #expect(try ScriptedReview.played().input(at: 1100).text(.html).contains("<ol class=\"questions\">\n<li"))
    }

    @Test("HTML: who-wrote-what cells keep a passage's line breaks, like the note above them")
    func authorshipCellsKeepLineBreaks() throws {
        // The passage column only: an author's name keeps to one line, as everywhere else.
        #expect(RecordStyle.css.contains("table.authorship td+td{white-space:pre-wrap;"))
        let html = try ScriptedReview.played().input(at: 1100).text(.html)
        #expect(html.contains("<table class=\"authorship\">"))
        #expect(html.contains("<td>Pupils read every day in class.\n</td>"))
    }

    @Test("HTML: each who-wrote-what disclosure names its note")
    func authorshipDisclosuresNameTheirNote() throws {
        let html = try ScriptedReview.played().input(at: 1100).text(.html)
        let summaries = html.components(separatedBy: "<summary>").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(summaries.count == 2)
        #expect(summaries.allSatisfy { $0.hasPrefix("Who wrote each passage of Evidence (") || $0.hasPrefix("Who wrote each passage of Actions (") },
                "\(summaries)")
    }

    @Test("the facts say when the session actually ran beside its planned start, in Markdown and HTML")
    func theFactsSayWhenItRan() throws {
        let final = try ScriptedReview.played().input(at: 1100)
        #expect(final.text(.markdown).contains("- **Ran:** 2026-12-01 09:30 GMT to 2026-12-01 09:47 GMT\n"))
        #expect(final.text(.html).contains("<dt>Ran</dt><dd>2026-12-01 09:30 GMT to 2026-12-01 09:47 GMT</dd>"))
        let running = try ScriptedReview.played(ending: false).input(at: 1100)
        #expect(running.text(.markdown).contains("- **Ran:** 2026-12-01 09:30 GMT, still running\n"))
        #expect(!ScriptedReview().input(at: 0).text(.markdown).contains("**Ran:**"), "not before it starts")
    }

    @Test("HTML lists each visit of a phase run more than once under its title, as Markdown does")
    func htmlListsVisits() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.phasePrev(), by: "f1", at: 1020)
        try review.run(.phaseNext(), by: "f1", at: 1050)
        try review.run(.sessionEnd, by: "f1", at: 1080)
        let html = review.input(at: 1100).text(.html)
        // Each visit's own extension and overtime too, as the Markdown gives them (the columns
        // hold the phase's sums; a record audit, session 51).
        #expect(html.contains("Reviewer reflections<br><span class=\"muted\">visit 1 from 2026-12-01 09:43 GMT, ran 3 min 20 s; "
                              + "visit 2 from 2026-12-01 09:47 GMT, ran 30 s</span></th>"),
                "\(html)")
        #expect(html.contains("<th scope=\"row\">Host context<br><span class=\"muted\">The host sets out the focus.</span></th>"),
                "a phase run once has no visit list")
    }

    @Test("a passage of nothing but white space says what it is in who-wrote-what, not an empty quote")
    func blankPassagesSayWhatTheyAre() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.append("\r\n", to: "evidence", by: "r1", at: 1001)
        try review.append("Ben again.", to: "evidence", by: "h1", at: 1002)
        try review.append("\n\n", to: "evidence", by: "r1", at: 1003)
        try review.append("Ben once more.", to: "evidence", by: "h1", at: 1004)
        try review.append("  ", to: "evidence", by: "r1", at: 1005)
        let input = review.input(at: 1010)
        let markdown = input.text(.markdown)
        #expect(markdown.contains("- Ben: “Ben again.”\n- Asha: *(2 line breaks)*\n- Ben: “Ben once more.”\n- Asha: *(spaces only)*\n"))
        #expect(markdown.contains("- Asha: *(a line break)*\n- Ben: “Ben again.”"))
        #expect(!markdown.contains("“”"))
        let html = input.text(.html)
        #expect(html.contains("<tr><th scope=\"row\">Asha</th><td><span class=\"muted\">(a line break)</span></td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">Asha</th><td><span class=\"muted\">(spaces only)</span></td></tr>"))
        // The note itself and JSON keep the white space as written.
        let evidence = try #require(ReviewRecord(input).notes.first { $0.id == "evidence" })
        #expect(evidence.passages.suffix(5).map(\.text) == ["\r\n", "Ben again.", "\n\n", "Ben once more.", "  "])
    }
}
