/// The first message of a connection (PROTOCOL.md §3.1).
public struct ClientHello: Equatable, Sendable {
    /// How the sender proves who they are.
    public enum Credential: Equatable, Sendable {
        /// A participant's invite token (`token`).
        case invite(token: String)
        /// A facilitator's API token and the session they own (`facilitatorToken` + `session`).
        case facilitator(token: String, session: String)
    }

    /// The credential.
    public var credential: Credential
    /// The client's self-description (`client`), if given.
    public var client: String?
    /// Where to resume from, if given.
    public var resume: ResumeRequest?

    /// Creates a hello.
    public init(credential: Credential, client: String? = nil, resume: ResumeRequest? = nil) {
        self.credential = credential
        self.client = client
        self.resume = resume
    }
}
