/// An edit that changed nothing after transformation: acked with `rev` and no event, so its
/// `(author, opId)` is kept here rather than in the log (PROTOCOL §3.5: a repeat is acked with
/// that same `rev`, after a restart too).
public struct UnchangedOperation: Hashable, Sendable {
    /// The participant who made the edit.
    public var author: String
    /// Their client-made op id, as the server keeps it.
    public var opId: String
    /// The note the edit was for.
    public var note: String
    /// The revision it was acked with.
    public var rev: Int

    /// Creates the value.
    public init(author: String, opId: String, note: String, rev: Int) {
        self.author = author
        self.opId = opId
        self.note = note
        self.rev = rev
    }
}
