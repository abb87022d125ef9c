extension SessionState {
    /// The participant changes that bring the list back in line with the invitations stored
    /// beside the log, for an invite or revocation the daemon stopped in the middle of.
    ///
    /// The HTTP API stores an invite (or a revocation) first and logs its `participant.changed`
    /// after; a `kill -9` in between leaves someone invited but never listed (their link is
    /// refused) or revoked but still listed (a retried revoke finds them revoked already and
    /// logs nothing, so they stay listed for good). Before the end the list must be exactly the
    /// stored invitations that are not revoked: this removes every listed participant in
    /// `revoked` and adds every one of `invited` (in invitation order) the list lacks. After the
    /// end nothing changes: a revocation then removes only access and keeps the person listed.
    public func interruptedInvitationChanges(invited: [Participant], revoked: Set<String>) -> [ParticipantChange] {
        guard !isEnded else { return [] }
        let removals = participants.filter { revoked.contains($0.id) }.map { ParticipantChange.remove(id: $0.id) }
        let additions = invited.filter { !revoked.contains($0.id) && participant($0.id) == nil }.map { ParticipantChange.add($0) }
        return removals + additions
    }
}
