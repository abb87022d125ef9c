/// An edit's `(author, opId)`, unique within a session (the store's unique index).
public struct OperationKey: Hashable, Sendable {
    /// The participant who made the edit.
    public var author: String
    /// Their client-made op id.
    public var opId: String

    /// Creates the key.
    public init(author: String, opId: String) {
        self.author = author
        self.opId = opId
    }
}
