/// An edit as the server names it in `note.op`: who made it and their op id.
public struct EditKey: Hashable, Sendable {
    /// Participant id of the author.
    public var author: String
    /// The author's op id.
    public var opId: String

    /// Creates a key.
    public init(author: String, opId: String) {
        self.author = author
        self.opId = opId
    }
}
