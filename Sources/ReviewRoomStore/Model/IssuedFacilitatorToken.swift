/// A new facilitator and their API token: the only time the token exists in clear.
public struct IssuedFacilitatorToken: Sendable, Equatable {
    /// The facilitator just added.
    public var facilitator: Facilitator
    /// The secret API token (URL-safe base64, 256 bits); only its SHA-256 is stored.
    public var token: String

    /// Creates the value.
    public init(facilitator: Facilitator, token: String) {
        self.facilitator = facilitator
        self.token = token
    }
}
