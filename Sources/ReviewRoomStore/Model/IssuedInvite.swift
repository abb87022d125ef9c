/// A participant and their freshly generated token: the only time the token exists in clear.
public struct IssuedInvite: Sendable, Equatable {
    /// Who was invited.
    public var participant: StoredParticipant
    /// The secret invite token (URL-safe base64, 256 bits); only its SHA-256 is stored.
    public var token: String

    /// Creates an issued invite.
    public init(participant: StoredParticipant, token: String) {
        self.participant = participant
        self.token = token
    }
}
