/// A newly scheduled session and one invite per participant, in invitation order.
public struct CreatedSession: Sendable, Equatable {
    /// The stored session.
    public var session: StoredSession
    /// Every participant's invite, with its one-time token.
    public var invites: [IssuedInvite]

    /// Creates the value.
    public init(session: StoredSession, invites: [IssuedInvite]) {
        self.session = session
        self.invites = invites
    }
}
