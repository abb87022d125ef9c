/// Everything random about a session made together with its new owner — the facilitator's id
/// and API token, the session's id and epoch, each participant's id and invite token — drawn
/// before anything is stored, so a caller can write them down first and, after a crash before
/// the commit, make the very same session again (``Store/createSession(_:owner:definition:participants:)``).
///
/// Holds secrets in clear: keep it where the tokens it names may be kept (`serve --demo`'s
/// `demo.json`, mode 0600).
public struct SessionPlan: Codable, Sendable, Equatable {
    /// A participant's id and invite token.
    public struct Invitee: Codable, Sendable, Equatable {
        /// The participant id (`p_…`).
        public var id: String
        /// The invite token.
        public var token: String
    }

    /// The new facilitator's id (`f_…`).
    public var facilitatorID: String
    /// The new facilitator's API token.
    public var facilitatorToken: String
    /// The session id (`s_…`).
    public var sessionID: String
    /// The session's first epoch (`e_…`).
    public var epoch: String
    /// One per participant, in invitation order.
    public var invitees: [Invitee]

    /// A plan drawn from the OS CSPRNG for a session of `participants` participants.
    public static func random(participants: Int) throws -> SessionPlan {
        SessionPlan(
            facilitatorID: try SecretToken.identifier(prefix: "f_"), facilitatorToken: try SecretToken.generate(),
            sessionID: try SecretToken.identifier(prefix: "s_"), epoch: try SecretToken.identifier(prefix: "e_"),
            invitees: try (0..<participants).map { _ in
                Invitee(id: try SecretToken.identifier(prefix: "p_"), token: try SecretToken.generate())
            })
    }
}
