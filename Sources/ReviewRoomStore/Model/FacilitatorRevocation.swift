/// What `Store.revokeFacilitator(_:transferringSessionsTo:)` did: who was revoked and what
/// became of the sessions they owned.
public struct FacilitatorRevocation: Sendable, Equatable {
    /// The revoked facilitator (`revokedAt` set).
    public var facilitator: Facilitator
    /// The facilitator who now owns the revoked one's sessions; nil when nothing was transferred.
    public var newOwner: Facilitator?
    /// With a `newOwner`, the sessions transferred to them; without, the sessions the revoked
    /// facilitator still owns (which nobody can manage through the API until transferred).
    public var sessions: [SessionID]
    /// Whether they had been revoked before (revoking again only transfers, or changes nothing).
    public var wasRevokedBefore: Bool
    /// How many of their own participants (``StoredParticipant/actsFor``) had their invite link
    /// revoked by this call: the link that let them run those sessions without the API token.
    public var revokedOwnLinks: Int

    /// Creates the outcome of a revocation.
    public init(facilitator: Facilitator, newOwner: Facilitator?, sessions: [SessionID], wasRevokedBefore: Bool = false,
                revokedOwnLinks: Int = 0) {
        self.facilitator = facilitator
        self.newOwner = newOwner
        self.sessions = sessions
        self.wasRevokedBefore = wasRevokedBefore
        self.revokedOwnLinks = revokedOwnLinks
    }
}
