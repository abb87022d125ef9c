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

    /// Creates the outcome of a revocation.
    public init(facilitator: Facilitator, newOwner: Facilitator?, sessions: [SessionID], wasRevokedBefore: Bool = false) {
        self.facilitator = facilitator
        self.newOwner = newOwner
        self.sessions = sessions
        self.wasRevokedBefore = wasRevokedBefore
    }
}
