/// What ``NoteBuffer/receive(_:baseRev:author:opId:at:)`` did with an edit.
public struct NoteEditResult: Equatable, Sendable {
    /// The three ways an accepted edit ends.
    public enum Outcome: Equatable, Sendable {
        /// Transformed, applied as a new revision: broadcast `note.op`, then ack with ``rev``.
        case applied
        /// It changed nothing after transformation: ack with ``rev`` (the current one), no event.
        case unchanged
        /// The `(author, opId)` was seen before: ack with the revision it got then, no event.
        case duplicate
    }

    /// What happened.
    public var outcome: Outcome
    /// The revision to ack with.
    public var rev: Int
    /// For ``Outcome/applied``: the transformed op that was applied (the `note.op` payload).
    public var op: TextOperation?

    /// Creates a result.
    public init(outcome: Outcome, rev: Int, op: TextOperation?) {
        self.outcome = outcome
        self.rev = rev
        self.op = op
    }
}
