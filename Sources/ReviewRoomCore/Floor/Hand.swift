/// A raised hand in the queue. Encodes as `{participant, kind, raisedAt}`.
public struct Hand: Codable, Equatable, Sendable {
    /// Whose hand it is.
    public var participant: String
    /// Contribution or response.
    public var kind: HandKind
    /// When it was raised.
    public var raisedAt: Timestamp

    /// Creates a hand.
    public init(participant: String, kind: HandKind, raisedAt: Timestamp) {
        self.participant = participant
        self.kind = kind
        self.raisedAt = raisedAt
    }
}
