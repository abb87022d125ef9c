import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: formats")
struct RecordFormatTests {
    static func rendered(_ format: RecordFormat, ending: Bool = true) throws -> String {
        let input = try ScriptedReview.played(ending: ending).input(at: 1100)
        return String(decoding: RecordRenderer.render(input, as: format), as: UTF8.self)
    }

    @Test("Markdown matches the golden file")
    func markdownGolden() throws {
        let url = try #require(Bundle.module.url(forResource: "record", withExtension: "md", subdirectory: "Fixtures"))
        let golden = try String(contentsOf: url, encoding: .utf8)
        let markdown = try Self.rendered(.markdown)
        #expect(markdown == golden)
    }

    /// The start and end of a run hold its running time and its pauses: a probe working the time
    /// out from them found it did not match Actual, and nothing said why.
    @Test("each run gives its paused time, and the agenda says what Actual leaves out")
    func pausedTimeIsGiven() throws {
        let record = ReviewRecord(try ScriptedReview.played().input(at: 1100))
        let run = try #require(record.agenda.first?.runs.first)
        #expect(run.pausedSec == 60)
        #expect(run.startedAt.seconds(to: run.endedAt) == run.actualSec + run.pausedSec)
        #expect(record.agenda.dropFirst().allSatisfy { $0.runs.allSatisfy { $0.pausedSec == 0 } })
        #expect(try Self.rendered(.html).contains("<p class=\"muted\">Actual times leave out the 1 min the clock was paused (phase 1: 1 min).</p>"))
    }

    @Test("Markdown escapes raw HTML in notes and marks a draft")
    func markdownSafety() throws {
        let markdown = try Self.rendered(.markdown)
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script>"))
        #expect(!markdown.contains("Draft"))
        #expect(try Self.rendered(.markdown, ending: false).contains("**Draft**"))
    }

    @Test("HTML: a well-formed page with every section, escaped notes, inline CSS and SVG, nothing external")
    func html() throws {
        let html = try Self.rendered(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(HTMLStructure.problems(html).isEmpty, "\(HTMLStructure.problems(html))")
        for id in ["facts", "agenda", "actions", "questions", "notes", "note-evidence", "speaking", "rounds",
                   "phrases", "log", "phase-1", "phase-3"] {
            #expect(html.contains("id=\"\(id)\""), "section \(id)")
        }
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(HTMLStructure.elements(html).isSubset(of: [
            "html", "head", "meta", "title", "style", "link", "body", "main", "header", "h1", "h2", "h3", "p", "dl", "dt", "dd",
            "section", "article", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "ul", "ol", "li", "span", "div",
            "strong", "br", "svg", "rect", "text", "details", "summary", "nav", "a",
        ]))
        // The only links are the contents' own, to the record's sections, in their order.
        let links = html.components(separatedBy: "<a href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(links == ["#agenda", "#actions", "#questions", "#notes", "#speaking", "#rounds", "#phrases", "#log"],
                "\(links)")
        #expect(links.allSatisfy { $0.hasPrefix("#") && html.contains("<section id=\"\($0.dropFirst())\">") })
        #expect(html.contains("<nav class=\"contents\" aria-labelledby=\"contents-heading\"><h2 id=\"contents-heading\">Contents</h2><ol><li><a href=\"#agenda\">Agenda: planned and as run</a></li>"))
        #expect(html.contains("<style>" + RecordStyle.css + "</style>"))
        // The daemon's CSP blocks the inline style; served by it, the record uses this sheet,
        // linked relative to the record's URL so that a path prefix (reverse proxy) is kept.
        #expect(html.contains("<link rel=\"stylesheet\" href=\"../../../../record.css\">"))
        #expect(!html.contains("href=\"/"), "no link is absolute: a path prefix would be lost")
        #expect(html.components(separatedBy: "<link").count == 2, "one link, the stylesheet")
        #expect(RecordStyle.servedPath == "/record.css")
        #expect(html.contains("@media print"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 3,
                "only the two SVG namespace URIs")
        #expect(!html.contains("https://"))
        #expect(!html.contains(" style=\""), "no style attributes: the CSP hash covers the <style> element only")
        // Each table scrolls in a focusable, named region of its own at 320 CSS px (WCAG 1.4.10).
        #expect(html.components(separatedBy: "<table").count
                == html.components(separatedBy: "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"").count)
        #expect(html.contains("aria-label=\"Agenda: planned and as run\"><table>"))
        #expect(!html.contains("class=\"draft\""))
        #expect(try Self.rendered(.html, ending: false).contains("id=\"draft\""))
    }

    @Test("HTML escapes every piece of session text, titles and names included")
    func htmlEscaping() throws {
        var review = try ScriptedReview.played()
        let hostile = "<img src=x onerror=alert(1)>&\"'"
        review.state = SessionState(
            info: SessionInfo(id: "x", title: hostile, hostSchool: hostile, focus: hostile,
                              startsAt: ScriptedReview.start, timeZone: hostile),
            agenda: [Phase(id: "p", title: hostile, kind: .briefing, durationSec: 60, turnMode: .open,
                           onTimeUp: .overtime, purpose: hostile)],
            participants: [Participant(id: "r1", name: hostile, role: .reviewer)],
            notes: [NoteHeading(id: "evidence", title: hostile)], deck: [Prompt(id: "q", text: hostile)])
        let html = String(decoding: RecordRenderer.render(review.input(at: 10), as: .html), as: UTF8.self)
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"))
        #expect(HTMLStructure.problems(html).isEmpty)
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 10), as: .markdown), as: UTF8.self)
        #expect(!markdown.contains("<img"))
    }

    @Test("JSON validates against the shipped schema, for a finished and a running session")
    func jsonSchema() throws {
        let validator = try SchemaValidator(json: RecordSchema.json)
        for ending in [true, false] {
            let input = try ScriptedReview.played(ending: ending).input(at: 1100)
            let data = Data(RecordRenderer.render(input, as: .json))
            let problems = try validator.violations(of: data)
            #expect(problems.isEmpty, "\(problems)")
            let decoded = try JSONDecoder().decode(ReviewRecord.self, from: data)
            #expect(decoded == ReviewRecord(input))
        }
    }

    @Test("the schema catches a record with a missing key, a wrong type or an unknown key")
    func schemaCatches() throws {
        let validator = try SchemaValidator(json: RecordSchema.json)
        let data = Data(RecordRenderer.render(try ScriptedReview.played().input(at: 1100), as: .json))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object.removeValue(forKey: "log")
        object["draft"] = "no"
        object["surprise"] = 1
        let broken = try JSONSerialization.data(withJSONObject: object)
        let problems = try validator.violations(of: broken)
        #expect(problems.contains("$: missing log"))
        #expect(problems.contains { $0.hasPrefix("$.draft: expected boolean") })
        #expect(problems.contains("$: unexpected key surprise"))
    }

    @Test("a session not started yet: a valid draft in every format, with nothing run")
    func notStarted() throws {
        let input = ScriptedReview().input(at: -3600)
        let record = ReviewRecord(input)
        #expect(record.draft && record.session.status == "scheduled")
        #expect(record.agenda.allSatisfy { $0.runs.isEmpty } && record.log.isEmpty && record.actions?.text == "")
        #expect(record.speaking.totalSec == 0 && record.speaking.people.allSatisfy { $0.share == 0 })
        let problems = try SchemaValidator(json: RecordSchema.json)
            .violations(of: Data(RecordRenderer.render(input, as: .json)))
        #expect(problems.isEmpty, "\(problems)")
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(HTMLStructure.problems(html).isEmpty)
        #expect(html.contains("No actions were written.") && html.contains("Nothing logged."))
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("**Draft**") && markdown.contains("| 1 | Host context | 10 min | — | not run |"))
        #expect(markdown.contains("| | **Total** | 17 min | 0 s | — | | |"))
    }

    @Test("content types and format names")
    func formats() {
        #expect(RecordFormat(rawValue: "md") == .markdown)
        #expect(RecordFormat(rawValue: "pdf") == nil)
        #expect(RecordFormat.html.contentType == "text/html; charset=utf-8")
        #expect(RecordHTML.contentSecurityPolicy.contains(RecordStyle.cspHash))
    }
}
