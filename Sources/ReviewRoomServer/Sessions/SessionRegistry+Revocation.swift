import ReviewRoomProtocol
import ReviewRoomStore

extension SessionRegistry {
    /// Closes with 4003 every console (a connection whose `hello` carried a facilitator token)
    /// of a facilitator who is revoked now, in every loaded session, and every connection of
    /// their own participant's invite link (the store revoked that link with them); a session
    /// not yet ended takes that participant off its list (``SessionActor/removeOwnParticipants(of:)``).
    ///
    /// A revocation is made by another process (`reviewroomd facilitator revoke`), which cannot
    /// reach this one, so the daemon calls this on its periodic sweep: one read of the store when
    /// consoles are open, none otherwise. Each call looks at every console open at that moment,
    /// so a console that joined just before the revocation is caught by the next call. A `hello`
    /// with the revoked token is refused with 4001 from the moment the revocation commits.
    public func closeRevokedConsoles() async {
        let watched = consoles.facilitators
        guard !watched.isEmpty else { return }
        let revoked: Set<FacilitatorID>
        do {
            revoked = try await store.revokedFacilitators(among: watched)
        } catch {
            // The next sweep asks again; a failing store is reported by its own writes.
            logger.debug("cannot check facilitators for revocation", metadata: ["error": "\(error)"])
            return
        }
        for facilitator in revoked {
            for session in consoles.sessions(of: facilitator) {
                guard let actor = loaded(session) else { continue }
                let closed = await actor.closeConsoles(of: facilitator)
                await actor.removeOwnParticipants(of: facilitator)
                guard closed > 0 else { continue }
                logger.info("closed the consoles of a revoked facilitator", metadata: [
                    "facilitator": "\(facilitator)", "session": "\(session)", "connections": "\(closed)"])
            }
        }
    }
}
