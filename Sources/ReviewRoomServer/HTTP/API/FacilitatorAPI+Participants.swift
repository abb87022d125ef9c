import ReviewRoomCore
import ReviewRoomStore

extension FacilitatorAPI {
    /// How many people one session may have been invited, revoked ones included (their rows
    /// stay in the store): the 200 a `POST /api/v1/sessions` may list, the facilitator, and
    /// room for late invites. Bounds what one session's snapshot and `participant.changed`
    /// carry to every client, and what a looping script can add to the store.
    static let maxInvitationsPerSession = 500

    /// Invites one more person. Refused (409) once the session has had
    /// ``maxInvitationsPerSession`` invitations, and once the session has ended: the participant list
    /// is part of the record of who took part, frozen with everything else at `session.end`.
    /// Checked first (an invite to an ended session stores nothing), again by the store in the
    /// invite's own write (a `session.end` stored meanwhile), and by the session's actor in its
    /// own turn after the store added them: a `session.end` landing in between is refused there
    /// too, and the stored invite withdrawn.
    @Sendable func addParticipant(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let invite = try InviteRequest(try JSONFields(try JSONValue.parse(context.request.http.body)))
        let ended = APIError.conflict("session '\(session.id)' has ended, so nobody new can be invited to it: share what "
            + "was written with its record (GET /api/v1/sessions/\(session.id)/record), or give someone already "
            + "in it a new link (POST /api/v1/sessions/\(session.id)/participants/{pid}/reissue)")
        guard !(try await state(of: session).isEnded) else { throw ended }
        let issued: IssuedInvite
        do {
            // The store checks once more in its write: a `session.end` stored since the check above
            // (the session then unloaded) would otherwise be read back with this invite by a fresh
            // load, and anyone joining meanwhile would be welcomed into a list that names them.
            issued = try await store.addParticipant(NewParticipant(name: invite.name, role: invite.role.rawValue),
                                                    to: session.id, refusing: StoredClockStatus.hasEnded,
                                                    atMost: Self.maxInvitationsPerSession)
        } catch let error as StoreError where error.code == .refused {
            throw ended
        } catch let error as StoreError where error.code == .limitReached {
            throw APIError.conflict("session '\(session.id)' has had \(Self.maxInvitationsPerSession) people invited "
                + "(revoked invites included), the most one session takes, so '\(invite.name)' was not invited: "
                + "to give someone already invited a working link, reissue theirs "
                + "(POST /api/v1/sessions/\(session.id)/participants/{pid}/reissue)")
        }
        let person = ReviewRoomCore.Participant(id: issued.participant.id.rawValue, name: invite.name, role: invite.role)
        do {
            try await live.addParticipant(session: session.id, person, by: context.facilitator.id, at: now())
        } catch let error as CommandError where error.code == .sessionEnded {
            try await store.withdrawInvite(issued.participant.id, in: session.id)
            throw ended
        }
        return JSONReply.response(201, InviteReply(issued, publicURL: publicURL))
    }

    /// Revokes someone's link. Before the end they also leave the session (`participant.changed`,
    /// connections closed with 4003). After the end only their access goes: the link stops
    /// working and their connections close with 4003, but the ended session (and so its record)
    /// still lists them among the people who took part; no event is recorded, and a reload keeps
    /// them because it starts from everyone invited (`LoadedSessionState`). Which of the two is
    /// the session actor's decision, taken in its turn (see `addParticipant`).
    @Sendable func revokeParticipant(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let participant = try await sessionParticipant(context, session: session)
        try await store.revokeParticipant(participant.id, in: session.id)
        if participant.revoked {
            await live.disconnect(session: session.id, participant: participant.id.rawValue)
        } else {
            try await live.removeParticipant(session: session.id, participant: participant.id.rawValue,
                                           by: context.facilitator.id, at: now())
        }
        return JSONReply.noContent
    }

    /// A new link for someone (the old one stops working, their connections close with 4003).
    /// After the end this also gives back access revoked after the end (they are still listed);
    /// someone revoked before the end left the session and cannot come back to an ended one.
    @Sendable func reissueInvite(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let participant = try await sessionParticipant(context, session: session)
        if participant.revoked {
            let state = try await state(of: session)
            // The store reinstates a revoked participant; only right when the session still lists them.
            guard state.isEnded, state.participant(participant.id.rawValue) != nil else {
                throw APIError.notFound("participant '\(participant.id)' was revoked from session '\(session.id)': "
                    + (state.isEnded
                        ? "they left it before it ended, and nobody new can join an ended session"
                        : "invite them again with POST /api/v1/sessions/\(session.id)/participants"))
            }
        }
        let issued: IssuedInvite
        do {
            // Reinstating only whom the check above allowed: a revocation stored since then (a
            // DELETE racing this request) stays, instead of a new link for someone the live
            // session no longer lists.
            issued = try await store.reissueInvite(for: participant.id, in: session.id, reinstating: participant.revoked)
        } catch let error as StoreError where error.code == .refused {
            throw APIError.notFound("participant '\(participant.id)' was revoked from session '\(session.id)' meanwhile: "
                + "invite them again with POST /api/v1/sessions/\(session.id)/participants")
        }
        await live.disconnect(session: session.id, participant: participant.id.rawValue)
        return JSONReply.response(201, InviteReply(issued, publicURL: publicURL))
    }

    private func sessionParticipant(_ context: APIContext, session: StoredSession) async throws -> StoredParticipant {
        let id = context.parameter("pid")
        guard let participant = try await store.participants(of: session.id).first(where: { $0.id.rawValue == id }) else {
            throw APIError.notFound("session '\(session.id)' has no participant '\(id)'")
        }
        return participant
    }
}
