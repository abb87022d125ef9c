import ReviewRoomCore

extension RecordInput {
    /// Settles, as the daemon does at a session's first load, the invites and revocations a
    /// stopped daemon stored but never logged (``SessionState/interruptedInvitationChanges(invited:revoked:)``,
    /// read from ``invited``): each change is applied to ``state`` at `now` and its events are
    /// appended to ``events`` after `lastSeq` with no author, as the daemon would log them.
    /// `reviewroomd export` calls it, so a record made before the daemon loads the session again
    /// lists the same people it will. Nothing changes after the end, or without ``invited``.
    public mutating func settleInterruptedInvitations(at now: Timestamp, afterSeq lastSeq: Int64) {
        let changes = state.interruptedInvitationChanges(
            invited: invited.map(\.participant), revoked: Set(invited.filter(\.revoked).map(\.participant.id)))
        var seq = lastSeq
        for change in changes {
            guard case .success(let caused) = state.apply(change, at: now) else { continue }
            for event in caused {
                seq += 1
                events.append(LoggedEvent(seq: seq, event: event))
            }
        }
    }
}
