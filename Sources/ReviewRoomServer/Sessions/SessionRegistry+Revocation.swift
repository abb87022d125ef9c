import ReviewRoomProtocol
import ReviewRoomStore

extension SessionRegistry {
    /// Carries out facilitator revocations made by another process (`reviewroomd facilitator
    /// revoke`, which cannot reach this one); the daemon calls it on its periodic sweep, one
    /// read of the store each.
    ///
    /// - Every console (a connection whose `hello` carried a facilitator token) of a revoked
    ///   facilitator closes with 4003, in every loaded session. Each call looks at every console
    ///   open at that moment, so a console that joined just before the revocation committed is
    ///   caught by the next call. A `hello` with the revoked token is refused with 4001 from the
    ///   moment the revocation commits.
    /// - In every loaded session not yet ended, consoles open or not, the facilitator's own
    ///   participant is taken off the list (``SessionActor/removeOwnParticipants(of:)``), which
    ///   closes the connections of its invite link (the store revoked that link with them). This
    ///   is done at the first two calls that see the revocation: the second catches a session
    ///   whose load read the store just before the revocation committed. A session loaded later
    ///   takes them off as it loads.
    public func sweepRevokedFacilitators() async {
        let revoked: Set<FacilitatorID>
        do {
            revoked = try await store.revokedFacilitatorIDs()
        } catch {
            // The next sweep asks again; a failing store is reported by its own writes.
            logger.debug("cannot check facilitators for revocation", metadata: ["error": "\(error)"])
            return
        }
        for facilitator in revoked.intersection(consoles.facilitators) {
            for session in consoles.sessions(of: facilitator) {
                guard let actor = loaded(session) else { continue }
                let closed = await actor.closeConsoles(of: facilitator)
                guard closed > 0 else { continue }
                logger.info("closed the consoles of a revoked facilitator", metadata: [
                    "facilitator": "\(facilitator)", "session": "\(session)", "connections": "\(closed)"])
            }
        }
        let fresh = revoked.filter { revocationSweeps[$0, default: 0] < 2 }
        guard !fresh.isEmpty else { return }
        for facilitator in fresh { revocationSweeps[facilitator, default: 0] += 1 }
        for actor in loadedActors {
            for facilitator in fresh { await actor.removeOwnParticipants(of: facilitator) }
        }
    }
}
