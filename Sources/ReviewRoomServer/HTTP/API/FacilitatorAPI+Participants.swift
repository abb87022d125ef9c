import ReviewRoomCore
import ReviewRoomStore

extension FacilitatorAPI {
    @Sendable func addParticipant(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let invite = try InviteRequest(try JSONFields(try JSONValue.parse(context.request.http.body)))
        let issued = try await store.addParticipant(NewParticipant(name: invite.name, role: invite.role.rawValue, email: invite.email),
                                                    to: session.id)
        let person = ReviewRoomCore.Participant(id: issued.participant.id.rawValue, name: invite.name, role: invite.role)
        try await live.addParticipant(session: session.id, person, by: context.facilitator.name, at: now())
        return JSONReply.response(201, InviteReply(issued, publicURL: publicURL))
    }

    @Sendable func revokeParticipant(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let participant = try await sessionParticipant(context, session: session)
        try await store.revokeParticipant(participant.id, in: session.id)
        if !participant.revoked {
            try await live.removeParticipant(session: session.id, participant: participant.id.rawValue,
                                           by: context.facilitator.name, at: now())
        }
        return JSONReply.noContent
    }

    @Sendable func reissueInvite(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let participant = try await sessionParticipant(context, session: session)
        guard !participant.revoked else {
            // The store would reinstate them, but they have left the live session: invite anew instead.
            throw APIError.notFound("participant '\(participant.id)' was revoked from session '\(session.id)': "
                + "invite them again with POST /api/v1/sessions/\(session.id)/participants")
        }
        let issued = try await store.reissueInvite(for: participant.id, in: session.id)
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
