/// Identifies an edit for idempotent resubmission: `opId`s are unique per participant.
public struct NoteOpKey: Hashable, Sendable {
    /// The participant id of the author.
    public var author: String
    /// The author's client-made op id.
    public var opId: String

    /// Creates a key.
    public init(author: String, opId: String) {
        self.author = author
        self.opId = opId
    }
}
