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
}
