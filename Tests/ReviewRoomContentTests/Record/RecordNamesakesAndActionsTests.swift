import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Review record: namesakes that meet a real name, an actions note under its own id")
struct RecordNamesakesAndActionsTests {
    /// "Sam", "Sam" and a host really called "Sam (1)": numbering gave the first Sam the host's
    /// name, so notes, speaking time and rounds credited two people alike.
    @Test func aNumberSomeoneElseIsCalledIsSkipped() throws {
        var review = ScriptedReview()
        review.state = SessionState(info: review.state.info, agenda: ScriptedReview.agenda, participants: [
            Participant(id: "f1", name: "Fran", role: .facilitator),
            Participant(id: "r1", name: "Sam", role: .reviewer),
            Participant(id: "r2", name: "Sam", role: .reviewer),
            Participant(id: "h1", name: "Sam (1)", role: .host),
        ], notes: [NoteHeading(id: "evidence", title: "Evidence"), NoteHeading(id: "actions", title: "Actions")],
            deck: ScriptedReview.deck)
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.append("Library busy.\n", to: "evidence", by: "r1", at: 10)
        try review.append("Trial buddies.\n", to: "actions", by: "h1", at: 20)
        try review.run(.sessionEnd, by: "f1", at: 60)
        let record = ReviewRecord(review.input(at: 70))
        #expect(record.participants.map(\.name) == ["Fran", "Sam (2)", "Sam (3)", "Sam (1)"])
        #expect(record.notes.first { $0.id == "evidence" }?.authors == ["Sam (2)"])
        #expect(record.actions?.authors == ["Sam (1)"])
        let markdown = String(decoding: RecordRenderer.render(review.input(at: 70), as: .markdown), as: UTF8.self)
        #expect(markdown.contains("Sam (2) (reviewer)") && markdown.contains("Sam (1) (host)"), "\(markdown)")
    }

    /// A review whose actions note has id `actionsID` (titled "Actions"), Ben writing in it.
    private func review(actionsID: String) throws -> RecordInput {
        var review = ScriptedReview()
        review.state = SessionState(info: review.state.info, agenda: ScriptedReview.agenda, participants: ScriptedReview.people,
                                    notes: [NoteHeading(id: "obs", title: "Observations"), NoteHeading(id: actionsID, title: "Actions")],
                                    deck: ScriptedReview.deck)
        review.notes = [NoteBuffer(id: "obs", title: "Observations"), NoteBuffer(id: actionsID, title: "Actions")]
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.append("Seen in class.\n", to: "obs", by: "r1", at: 10)
        try review.append("Do the thing by March.\n", to: actionsID, by: "h1", at: 20)
        try review.run(.sessionEnd, by: "f1", at: 60)
        return review.input(at: 70)
    }

    /// A session whose actions note has another id ("next-steps", titled "Actions") printed it
    /// in the Actions section and again under Notes; it now reads as the default id's does.
    @Test func anActionsNoteUnderAnotherIDIsPrintedOnce() throws {
        let ownID = try review(actionsID: "next-steps")
        let defaultID = try review(actionsID: "actions")
        #expect(ReviewRecord(ownID).actions?.id == "next-steps")
        for format in [RecordFormat.markdown, .html] {
            let text = String(decoding: RecordRenderer.render(ownID, as: format), as: UTF8.self)
            let expected = String(decoding: RecordRenderer.render(defaultID, as: format), as: UTF8.self)
            #expect(text.replacingOccurrences(of: "next-steps", with: "actions") == expected, "\(format): \(text)")
            #expect(!text.contains("<h3>Actions</h3>") && !text.contains("### Actions"), "\(format): \(text)")
        }
    }
}
