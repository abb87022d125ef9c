import ReviewRoomContent
import ReviewRoomCore
import Testing

/// ``RecordInput/settleInterruptedInvitations(at:afterSeq:)``: what `reviewroomd export` does with
/// an invite or revocation a `kill -9` cut off between the store and the log, before the daemon
/// loads the session again and logs it.
@Suite("Review record: invites and revocations a stopped daemon never logged")
struct RecordInterruptedInvitationTests {
    static let zoe = Participant(id: "r3", name: "Zoe", role: .reviewer)

    /// The scripted review, running, with Raj's hand up; the store then revoked Raj and invited
    /// Zoe, and logged neither.
    static func cutOff(ending: Bool = false) throws -> RecordInput {
        var review = try ScriptedReview.played(ending: false)
        try review.run(.handRaise(kind: .contribution, participant: nil), by: "r2", at: 1005)
        if ending { try review.run(.sessionEnd, by: "f1", at: 1010) }
        var input = review.input(at: 1100)
        input.invited = ScriptedReview.people.map { RecordInvitee($0, revoked: $0.id == "r2") } + [RecordInvitee(zoe, revoked: false)]
        return input
    }

    @Test("before the end: the revoked person is removed (hand lowered), the invited one added, logged with no author")
    func settledAsTheDaemonWould() throws {
        var input = try Self.cutOff()
        #expect(ReviewRecord(input).participants.map(\.removed) == [false, false, false, false, false, true],
                "unsettled, Raj is listed and Zoe shown as removed")
        let lastSeq = try #require(input.events.last?.seq)
        input.settleInterruptedInvitations(at: ScriptedReview.at(1100), afterSeq: lastSeq)
        let record = ReviewRecord(input)
        #expect(record.participants.map(\.name) == ["Fran", "Asha", "Ben", "Raj", "Olu", "Zoe"])
        #expect(record.participants.map(\.removed) == [false, false, false, true, false, false])
        #expect(!input.state.floor.queue.contains { $0.participant == "r2" })
        let settled = record.log.filter { $0.seq > lastSeq }
        #expect(settled.map(\.text).contains("Participant removed: Raj (reviewer)"))
        #expect(settled.map(\.text).contains("Participant added: Zoe (reviewer)"))
        #expect(settled.allSatisfy { $0.by == nil }, "\(settled)")
        #expect(input.events.map(\.seq) == Array(1...Int64(input.events.count)), "gapless after the log")
    }

    @Test("after the end nothing changes: a revocation then removes only access")
    func notAfterTheEnd() throws {
        var input = try Self.cutOff(ending: true)
        let before = input.events.count
        input.settleInterruptedInvitations(at: ScriptedReview.at(1100), afterSeq: input.events.last?.seq ?? 0)
        #expect(input.events.count == before)
        #expect(input.state.participant("r2") != nil)
    }
}
