/// A `note.edit` a ``NoteClient`` wants sent: `{rev: baseRev, opId, op}`.
public struct NoteOutgoingEdit: Equatable, Sendable {
    /// The op, made on ``baseRev``.
    public var op: TextOperation
    /// The server revision the op was made on.
    public var baseRev: Int
    /// The client-made op id.
    public var opId: String

    /// Creates an outgoing edit.
    public init(op: TextOperation, baseRev: Int, opId: String) {
        self.op = op
        self.baseRev = baseRev
        self.opId = opId
    }
}
