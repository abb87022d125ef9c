import ReviewRoomStore

/// The invite link behind a request to one of the invite routes (`/api/v1/invite…`, ReviewRoom
/// extensions of PROTOCOL.md §2): its token is the bearer token, the part of the link after `#`.
enum InviteToken {
    /// The working invite whose token `request` carries; 401 for none, an unknown, a revoked or a
    /// replaced one (a deleted session's invites went with it).
    static func invite(of request: APIRequest, in store: Store) async throws -> ParticipantAuthentication {
        let token = try APIContext.bearerToken(request, kind: "invite token")
        guard let invite = try await store.authenticateParticipant(token: token) else {
            throw APIError.unauthorized("the bearer token is not the token of a working invite link (unknown, revoked or "
                + "replaced by a new link): send the part of your invite link after '#'")
        }
        return invite
    }
}
