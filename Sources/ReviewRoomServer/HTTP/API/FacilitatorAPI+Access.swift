import ReviewRoomStore

extension FacilitatorAPI {
    /// Whose invite link opens the session now, for everyone the session lists (in its order):
    /// `[{id, linkWorks}]`. A ReviewRoom extension (PROTOCOL is silent): before the end a revoked
    /// person leaves the list, but after the end a revocation removes only their access and
    /// they stay listed as having taken part, so the session alone cannot say whose link was
    /// taken back. The console marks them with it. Someone listed without a stored invite would
    /// read `false` (none in practice: everyone is stored before they are listed).
    @Sendable func participantAccess(_ context: APIContext) async throws -> HTTPResponseBuilder {
        let session = try await ownedSession(context)
        let listed = try await state(of: session).participants
        var working = Set<String>()
        for stored in try await store.participants(of: session.id) where !stored.revoked {
            working.insert(stored.id.rawValue)
        }
        return JSONReply.response(200, listed.map { ParticipantAccess(id: $0.id, linkWorks: working.contains($0.id)) })
    }
}

/// One entry of `GET /api/v1/sessions/{id}/access`.
struct ParticipantAccess: Encodable {
    /// The participant's id (`p_…`).
    var id: String
    /// Whether their invite link opens the session (false once revoked, until a new link).
    var linkWorks: Bool
}
