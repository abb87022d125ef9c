import Testing
@testable import ReviewRoomCore

/// ``SessionState/interruptedInvitationChanges(invited:revoked:)``: what a load logs for an
/// invite or revocation a `kill -9` left stored but not logged.
@Suite struct InterruptedInvitationTests {
    static let cara = Participant(id: "r3", name: "Cara", role: .reviewer)

    @Test func aListMatchingTheStoredInvitationsNeedsNothing() {
        let state = SessionFixture.started()
        #expect(state.interruptedInvitationChanges(invited: state.participants, revoked: []).isEmpty)
    }

    @Test func theRevokedStillListedAreRemovedFirstThenTheUnlistedInvitesAdded() {
        let state = SessionFixture.started()
        let changes = state.interruptedInvitationChanges(invited: state.participants + [Self.cara], revoked: ["r1"])
        #expect(changes == [.remove(id: "r1"), .add(Self.cara)])
    }

    @Test func aRevokedInviteNotListedIsNotAdded() {
        let state = SessionFixture.started()
        #expect(state.interruptedInvitationChanges(invited: state.participants + [Self.cara], revoked: ["r3"]).isEmpty)
    }

    @Test func afterTheEndNothingIsComparedSinceARevocationThenKeepsThemListed() {
        var state = SessionFixture.started()
        state.ok(.sessionEnd, by: "f1", at: SessionFixture.at(5))
        #expect(state.interruptedInvitationChanges(invited: state.participants + [Self.cara], revoked: ["r1"]).isEmpty)
    }
}
