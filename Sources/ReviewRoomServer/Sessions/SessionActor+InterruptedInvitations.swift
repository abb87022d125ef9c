import ReviewRoomCore

extension SessionActor {
    /// Logs the `participant.changed` of invites and revocations the store holds but a daemon
    /// killed in between never logged (PROTOCOL §3.4: revoking removes them), so the list is
    /// the stored invitations again and a repeated revoke is not left listing someone for good.
    func settle(_ interruptedInvitations: [ParticipantChange]) {
        guard !interruptedInvitations.isEmpty else { return }
        let now = clock.now()
        for change in interruptedInvitations {
            guard case .success(let events) = state.apply(change, at: now) else { continue }
            record(core: events, author: nil)
        }
        logger.notice("logged invites or revocations a stopped daemon had stored but not logged",
                      metadata: ["session": "\(id)", "changes": "\(interruptedInvitations.count)"])
    }
}
