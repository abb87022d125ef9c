import ReviewRoomCore

/// `note.edit {note, rev, opId, op}`, with the op already checked against §3.3's component rules.
public struct NoteEditRequest: Equatable, Sendable {
    /// The note id.
    public var note: String
    /// The revision the op was made on.
    public var rev: Int
    /// The client-made id, unique per participant.
    public var opId: String
    /// The op.
    public var op: TextOperation

    /// Creates the request.
    public init(note: String, rev: Int, opId: String, op: TextOperation) {
        self.note = note
        self.rev = rev
        self.opId = opId
        self.op = op
    }
}
