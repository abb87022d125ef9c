import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: a session edit is itemised with what it replaced")
struct RecordEditLogTests {
    /// The scripted session edited an hour before its start: retitled, refocused, moved 30 min
    /// later, phase 1 lengthened from 10 to 15 min, phase 2 removed and a learning walk put in
    /// its place.
    static func editedBeforeTheStart() throws -> ScriptedReview {
        var review = ScriptedReview()
        var agenda = ScriptedReview.agenda
        agenda[0].durationSec = 900
        agenda[1] = Phase(id: "walk", title: "Learning walk", kind: .evidence, durationSec: 1200, turnMode: .open,
                          onTimeUp: .overtime)
        try review.edit(SessionEdit(title: "Reading and writing for pleasure",
                                    focus: "How do we rebuild reading and writing stamina?",
                                    startsAt: ScriptedReview.at(1800), agenda: agenda), at: -3600)
        return review
    }

    /// The log lines of `input`'s record for its `session.changed` events, in order.
    static func editLines(_ input: RecordInput) -> [String] {
        let record = ReviewRecord(input)
        let seqs = Set(input.events.filter { if case .sessionChanged = $0.event.body { true } else { false } }.map(\.seq))
        return record.log.filter { seqs.contains($0.seq) }.map(\.text)
    }

    @Test("the first PATCH lists each value it replaced: title, focus, start, phases lengthened, removed and added")
    func theFirstEditIsItemisedAgainstTheSessionAsCreated() throws {
        let review = try Self.editedBeforeTheStart()
        #expect(Self.editLines(review.input(at: -3000)) == [
            "Title: “Reading for pleasure” → “Reading and writing for pleasure”",
            "Focus reworded: “How do we rebuild reading stamina?” → “How do we rebuild reading and writing stamina?”",
            "Start moved from 2026-12-01 09:30 GMT to 2026-12-01 10:00 GMT",
            "Phase 2 “Reviewer reflections” removed (5 min)",
            "Phase 2 “Learning walk” added (20 min)",
            "Phase 1 “Host context” lengthened from 10 to 15 min",
        ])
        let entries = ReviewRecord(review.input(at: -3000)).log.filter { $0.text.hasPrefix("Title:") || $0.text.hasPrefix("Phase") }
        #expect(entries.allSatisfy { $0.kind == "agenda" && $0.time == "08:30:00" }, "\(entries)")
    }

    @Test("a start moved within one minute is logged to the second, and under a second says so")
    func aMoveWithinOneMinuteIsLoggedToTheSecond() throws {
        var review = ScriptedReview()
        try review.edit(SessionEdit(startsAt: ScriptedReview.at(20)), at: -3600)
        try review.edit(SessionEdit(startsAt: ScriptedReview.at(20.5)), at: -3500)
        #expect(Self.editLines(review.input(at: -3000)) == [
            "Start moved from 2026-12-01 09:30:00 GMT to 2026-12-01 09:30:20 GMT",
            "Start moved by less than a second (2026-12-01 09:30:20 GMT)",
        ])
    }

    @Test("a later PATCH is compared with the one before it, not with the session as created")
    func aLaterEditIsComparedWithThePreviousOne() throws {
        var review = try Self.editedBeforeTheStart()
        var agenda = review.state.agenda
        agenda[1].durationSec = 900
        agenda[1].title = "Walk"
        agenda.swapAt(1, 2)
        let long = "How do we rebuild reading and writing stamina in every class, including pupils who joined mid-year?"
        try review.edit(SessionEdit(focus: long, timeZone: "Europe/Paris", agenda: agenda), at: -3000)
        let lines = Self.editLines(review.input(at: -2000))
        let second = Array(lines.dropFirst(6))
        #expect(second.count == 5, "\(second)")
        #expect(second.first?.hasPrefix("Focus reworded: “How do we rebuild reading and writing stamina?” → “How do we") == true)
        #expect(second.first?.hasSuffix("…”") == true && (second.first?.count ?? 0) < 140, "\(second)")
        #expect(Array(second.dropFirst()) == [
            "Time zone: Europe/London → Europe/Paris",
            "Phases reordered: “Host context”, “Actions”, “Walk”",
            "Phase 3 “Learning walk” renamed “Walk”",
            "Phase 3 “Walk” shortened from 20 to 15 min",
        ])
        #expect(!second.contains { $0.hasPrefix("Title:") || $0.hasPrefix("Start moved") }, "unchanged since the first edit")
    }

    @Test("a phase inserted in the middle is one added phase, though the API gives the phases behind it their neighbours' ids")
    func aPhaseInsertedInTheMiddleIsOneAddition() throws {
        var review = ScriptedReview()
        let old = ScriptedReview.agenda
        // As the API builds it: matched by position, each existing position keeps its id.
        var (reflections, actions) = (old[1], old[2])
        reflections.id = "actions"
        actions.id = "p4"
        let agenda = [old[0], Phase(id: "reflections", title: "Book look", kind: .evidence, durationSec: 600, turnMode: .open,
                                    onTimeUp: .overtime), reflections, actions]
        try review.edit(SessionEdit(agenda: agenda), at: -3600)
        #expect(review.state.agenda.map(\.id) == ["context", "reflections", "actions", "p4"])
        #expect(Self.editLines(review.input(at: -3000)) == ["Phase 2 “Book look” added (10 min)"])
    }

    @Test("a long focus reworded past its quoted part says only that it was reworded")
    func aFocusThatDiffersPastTheQuoteIsJustReworded() throws {
        var review = ScriptedReview()
        let long = "How do we rebuild reading stamina in every class, year group and intervention group, starting in Year 3?"
        try review.edit(SessionEdit(focus: long), at: -3600)
        try review.edit(SessionEdit(focus: long.replacingOccurrences(of: "Year 3", with: "Year 4")), at: -3000)
        let lines = Self.editLines(review.input(at: -2000))
        #expect(lines.count == 2 && lines[0].hasPrefix("Focus reworded: “How do we rebuild reading stamina?” → “How do"), "\(lines)")
        #expect(lines.last == "Focus reworded", "\(lines)")
    }

    @Test("without the session as created (stored before v6) the first PATCH says its earlier values are not recorded")
    func withoutABaselineTheFirstEditSaysSo() throws {
        var review = ScriptedReview()
        review.baseline = nil
        try review.edit(SessionEdit(title: "First rename"), at: -3600)
        try review.edit(SessionEdit(title: "Second rename"), at: -3000)
        #expect(Self.editLines(review.input(at: -2000)) == [
            "Session details changed (earlier values not recorded)",
            "Title: “First rename” → “Second rename”",
        ])
    }

    @Test("a question added live as the very first prompts event, and one reworded by the first PATCH, are itemised")
    func theFirstQuestionChangesAreItemised() throws {
        var review = ScriptedReview()
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.promptAdd(text: "Who chooses the class reader?"), by: "f1", at: 5)
        var deck = ScriptedReview.deck
        deck[1].text = "What helps readers who hold back?"
        var edited = ScriptedReview()
        try edited.edit(SessionEdit(deck: deck), at: -60)
        let added = ReviewRecord(review.input(at: 10)).log.filter { $0.kind == "question" }.map(\.text)
        #expect(added == ["Question added: “Who chooses the class reader?”"])
        #expect(Self.editLines(edited.input(at: 0)) == [
            "Question reworded: “What helps reluctant readers?” → “What helps readers who hold back?”",
        ])
    }

    @Test("a question whose theme alone changes is itemised: changed, removed and given")
    func aThemeChangeIsItemised() throws {
        var deck = ScriptedReview.deck
        deck[0].theme = "a new theme"
        deck[1].theme = nil
        deck[2].theme = "families"
        var review = ScriptedReview()
        try review.edit(SessionEdit(deck: deck), at: -60)
        #expect(Self.editLines(review.input(at: 0)) == [
            "Question “How do pupils choose books?”: theme “reading-recovery” → “a new theme”",
            "Question “What helps reluctant readers?”: theme “reading-recovery” removed",
            "Question “Where do families fit in?”: theme “families” given",
        ])
    }

    @Test("the itemised edit is the same in Markdown, HTML and JSON, escaped, and a final record is byte-stable")
    func theItemisedEditIsInEveryFormat() throws {
        var review = ScriptedReview()
        try review.edit(SessionEdit(title: "Reading <b>review</b> | Y6"), at: -3600)
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(RecordRenderer.render(review.input(at: 100), as: .json)))
            as? [String: Any])
        let log = try #require(json["log"] as? [[String: Any]])
        #expect(log.contains { $0["text"] as? String == "Title: “Reading for pleasure” → “Reading <b>review</b> | Y6”" }, "\(log)")
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 100), as: .markdown), as: UTF8.self)
        #expect(markdown.contains("Title: “Reading for pleasure” → “Reading &lt;b\\>review&lt;/b\\> \\| Y6”"), "\(markdown)")
        let html = String(decoding: RecordRenderer.render(review.input(at: 100), as: .html), as: UTF8.self)
        #expect(html.contains("<td>Title: “Reading for pleasure” → “Reading &lt;b&gt;review&lt;/b&gt; | Y6”</td>"))
        for format in [RecordFormat.markdown, .html, .json] {
            #expect(RecordRenderer.render(review.input(at: 100), as: format) == RecordRenderer.render(review.input(at: 9000), as: format))
        }
    }
}
