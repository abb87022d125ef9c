/// One entry of a note's history: the op that took the note from `rev - 1` to `rev`.
public struct NoteRevision: Equatable, Sendable {
    /// The revision this op produced.
    public var rev: Int
    /// The op as applied (already transformed to `rev - 1`).
    public var op: TextOperation
    /// The participant id of the author.
    public var author: String
    /// The author's client-made op id.
    public var opId: String
    /// When the server applied it.
    public var at: Timestamp

    /// Creates a history entry.
    public init(rev: Int, op: TextOperation, author: String, opId: String, at: Timestamp) {
        self.rev = rev
        self.op = op
        self.author = author
        self.opId = opId
        self.at = at
    }
}
