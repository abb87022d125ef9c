import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: people removed, text that breaks lines, questions reworded, participant changes")
struct RecordAuditFixTests {
    /// The scripted review with Raj, who wrote, spoke in the round and passed nothing, revoked at 1020 s.
    static func withRajRevoked() throws -> RecordInput {
        var review = try ScriptedReview.played(ending: false)
        try review.append("Raj saw the library.\n", to: "evidence", by: "r2", at: 1005)
        try review.change(.remove(id: "r2"), at: 1020)
        try review.run(.sessionEnd, by: "f1", at: 1060)
        var input = review.input(at: 1100)
        input.invited = ScriptedReview.people.map { RecordInvitee($0, revoked: $0.id == "r2") }
        return input
    }

    @Test("a revoked participant is credited by name and role and listed as removed, in every format")
    func revokedParticipantKeepsTheirName() throws {
        let input = try Self.withRajRevoked()
        let record = ReviewRecord(input)
        #expect(record.participants.map(\.name) == ["Fran", "Asha", "Ben", "Raj", "Olu"])
        #expect(record.participants.map(\.removed) == [false, false, false, true, false])
        #expect(record.participants.first { $0.id == "r2" }?.role == "reviewer")
        let evidence = try #require(record.notes.first { $0.id == "evidence" })
        #expect(evidence.authors.contains("Raj"))
        #expect(record.rounds.first?.order.map(\.name) == ["Asha", "Raj", "Ben"])
        let raj = try #require(record.speaking.people.first { $0.id == "r2" })
        #expect(raj.name == "Raj" && raj.role == "reviewer" && raj.seconds > 0)
        #expect(record.log.contains { $0.text == "Round turn: Raj" })
        for format in [RecordFormat.markdown, .html, .json] {
            let text = String(decoding: RecordRenderer.render(input, as: format), as: UTF8.self)
            let byID = format == .json ? ["\"name\" : \"r2\"", "\"authorName\" : \"r2\"", "\"by\" : \"r2\""] : ["r2"]
            #expect(!byID.contains { text.contains($0) }, "\(format) names r2 by id")
            #expect(!text.contains("unknown"), "\(format) has an unknown role")
        }
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("Raj (reviewer, removed)"))
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("Raj (reviewer, removed)"))
        let json = try JSONSerialization.jsonObject(with: Data(RecordRenderer.render(input, as: .json))) as? [String: Any]
        let people = try #require(json?["participants"] as? [[String: Any]])
        #expect(people.map { $0["removed"] as? Bool } == [false, false, false, true, false])
    }

    /// A note that tries to leave the Markdown quote with CRLF, a lone CR, U+2028 and NEL.
    static let breakingNote = "Pupils read daily.\r\n## Actions\r\n- Sack the head of English (agreed by all)\rWritten by: Fran.\n"
        + "[x](javascript:alert(1))\u{2028}# Heading\u{85}| a | b |\n"

    /// The scripted review with ``breakingNote`` written by Asha into the evidence note, and a
    /// title, a question and a participant's name with line breaks and markup.
    static func withBreakingNote() throws -> RecordInput {
        var review = try ScriptedReview.played(ending: false)
        try review.append(breakingNote, to: "evidence", by: "r1", at: 1005)
        try review.edit(SessionEdit(title: "Reading for pleasure\r\n## Actions", focus: "Stamina\r- [ ] agreed",
                                    deck: [Prompt(id: "q1", text: "How do pupils choose books?\r## Rounds\n[link](x)")]
                                        + ScriptedReview.deck.dropFirst()), at: 1010)
        try review.change(.add(Participant(id: "r3", name: "Eve\r\n## Speaking time\u{2028}| x |", role: .reviewer)), at: 1015)
        try review.run(.sessionEnd, by: "f1", at: 1060)
        return review.input(at: 1100)
    }

    @Test("a CRLF split between two authors' passages is one line break in HTML")
    func aSplitCRLFIsOneLineBreak() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.append("\nAsha's line\r", to: "actions", by: "r1", at: 1005)
        try review.append("\nBen's line\n", to: "actions", by: "h1", at: 1006)
        let input = review.input(at: 1010)
        let actions = try #require(ReviewRecord(input).actions)
        #expect(actions.passages.map(\.authorName).suffix(2) == ["Asha", "Ben"])
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("Asha&#39;s line</span><span class=\"passage\" title=\"Ben\">\nBen&#39;s line\n</span>"))
    }

    @Test("titles, focus, questions and names with line breaks and markup stay on their line, escaped")
    func singleLineFieldsCannotBreakOut() throws {
        let markdown = String(decoding: RecordRenderer.render(try Self.withBreakingNote(), as: .markdown), as: UTF8.self)
        let lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "# Review record: Reading for pleasure \\#\\# Actions")
        #expect(lines.contains("- **Enquiry focus:** Stamina - \\[ \\] agreed"))
        #expect(lines.contains { $0.hasPrefix("- **Participants:** ") && $0.contains("Eve \\#\\# Speaking time \\| x \\| (reviewer)") })
        #expect(lines.filter { $0.hasPrefix("## ") } == ["## Agenda: planned and as run", "## Actions", "## Enquiry questions",
                                                        "## Notes", "## Speaking time", "## Rounds", "## Phrases to revisit",
                                                        "## Facilitator's log"])
    }

    @Test("every line of a note with CRLF, lone CR, U+2028 or NEL stays inside the Markdown quote")
    func noteLineBreaksStayInTheQuote() throws {
        let markdown = String(decoding: RecordRenderer.render(try Self.withBreakingNote(), as: .markdown), as: UTF8.self)
        let lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let heading = try #require(lines.firstIndex(of: "### Evidence"))
        let body = lines[(heading + 2)...].prefix { !$0.isEmpty }
        #expect(body.count == 8)
        #expect(body.allSatisfy { $0.hasPrefix("> ") }, "\(Array(body))")
        // Each line but the last ends in a hard break (two spaces), which changes none of this.
        #expect(body.dropLast().allSatisfy { $0.hasSuffix("  ") }, "\(Array(body))")
        #expect(body.contains("> ## Actions  "))
        #expect(body.contains("> - Sack the head of English (agreed by all)  "))
        #expect(body.contains("> Written by: Fran.  "))
        #expect(lines.filter { $0 == "## Actions" }.count == 1)
        #expect(!markdown.contains("\r"))
        #expect(lines.filter { $0.hasPrefix("Written by: ") } == ["Written by: Fran.", "Written by: Asha, Ben."])
    }

    @Test("HTML shows a lone CR as a line break, as JSON keeps it, and drops the CR of CRLF")
    func loneCarriageReturnIsALineBreakInHTML() throws {
        let input = try Self.withBreakingNote()
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("Pupils read daily.\n## Actions\n- Sack the head of English (agreed by all)\nWritten by: Fran.\n"))
        #expect(!html.contains("\r"))
        let json = String(decoding: RecordRenderer.render(input, as: .json), as: UTF8.self)
        #expect(json.contains("(agreed by all)\\rWritten by: Fran."))
    }

    /// The scripted review (q1 shown at 10 s and discussed at 500 s), then q2 shown, then the
    /// deck edited: q1 reworded, q2 removed, q3 kept.
    static func withDeckReworded() throws -> RecordInput {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.promptShow(prompt: "q2"), by: "f1", at: 1005)
        try review.edit(SessionEdit(deck: [Prompt(id: "q1", text: "New deck question", theme: "reading-recovery"),
                                           ScriptedReview.deck[2]]), at: 1020)
        try review.run(.sessionEnd, by: "f1", at: 1060)
        return review.input(at: 1100)
    }

    @Test("questions keep the wording they were shown and discussed with; reworded and removed ones say so")
    func questionsKeepTheirDiscussedWording() throws {
        let input = try Self.withDeckReworded()
        let record = ReviewRecord(input)
        #expect(record.questions.map(\.id) == ["q1", "q3", "q2"])
        #expect(record.questions.map(\.text) == ["How do pupils choose books?", "Where do families fit in?",
                                                 "What helps reluctant readers?"])
        #expect(record.questions.map(\.laterText) == ["New deck question", nil, nil])
        #expect(record.questions.map(\.shown) == [true, false, true])
        #expect(record.questions.map(\.discussed) == [true, false, false])
        #expect(record.questions.map(\.removed) == [false, false, true])
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("\n1. “How do pupils choose books?” — discussed; later reworded: “New deck question”\n"))
        #expect(markdown.contains("\n3. “What helps reluctant readers?” — not discussed; later removed from the deck\n"
                                  + "   - Shown 09:46–09:47 (15 s) in phase 3 “Actions”; nobody had the floor.\n"),
                "a question taken out of the deck while on screen keeps the stretch, ended by its removal")
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("How do pupils choose books? <span class=\"muted\">(discussed; later reworded: “New deck question”)</span>"))
        #expect(html.contains("What helps reluctant readers? <span class=\"muted\">(not discussed; later removed from the deck)</span>"))
        let json = try JSONDecoder().decode(ReviewRecord.self, from: Data(RecordRenderer.render(input, as: .json)))
        #expect(json.questions == record.questions)
    }

    @Test("a question removed and a new one given its id later are two entries")
    func aReusedIdStartsAfresh() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.edit(SessionEdit(deck: Array(ScriptedReview.deck.dropFirst())), at: 1010)
        try review.edit(SessionEdit(deck: [Prompt(id: "q1", text: "Brand new")] + ScriptedReview.deck.dropFirst()), at: 1020)
        let record = ReviewRecord(review.input(at: 1030))
        #expect(record.questions.map(\.id) == ["q1", "q2", "q3", "q1"])
        #expect(record.questions.first?.text == "Brand new" && record.questions.first?.shown == false)
        #expect(record.questions.first?.laterText == nil)
        #expect(record.questions.last?.text == "How do pupils choose books?")
        #expect(record.questions.last?.discussed == true && record.questions.last?.removed == true)
    }

    static let lee = Participant(id: "r3", name: "Late Lee", role: .reviewer)

    @Test("the log names who was added and who was removed, the first change to the list included")
    func participantChangesAreLoggedFromTheFirst() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.change(.add(Self.lee), at: 1010)
        try review.change(.remove(id: "r2"), at: 1020)
        var input = review.input(at: 1030)
        input.invited = (ScriptedReview.people + [Self.lee]).map { RecordInvitee($0, revoked: $0.id == "r2") }
        let entries = ReviewRecord(input).log.filter { $0.kind == "participants" }
        #expect(entries.map(\.text) == ["Participant added: Late Lee (reviewer)", "Participant removed: Raj (reviewer)"])
        #expect(entries.map(\.time) == ["09:46:50", "09:47:00"])
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("- 09:46:50 — Participant added: Late Lee (reviewer)\n"))
    }

    @Test("a revocation that is the first change to the list is logged")
    func aFirstRevocationIsLogged() throws {
        let record = ReviewRecord(try Self.withRajRevoked())
        #expect(record.log.filter { $0.kind == "participants" }.map(\.text) == ["Participant removed: Raj (reviewer)"])
    }

    @Test("without the invite list, a first change cannot be told apart and is not guessed")
    func withoutInvitesNothingIsGuessed() throws {
        var review = try ScriptedReview.played(ending: false)
        try review.change(.add(Self.lee), at: 1010)
        try review.change(.remove(id: "r2"), at: 1020)
        let entries = ReviewRecord(review.input(at: 1030)).log.filter { $0.kind == "participants" }
        #expect(entries.map(\.text) == ["Participant removed: Raj (reviewer)"])
    }
}
