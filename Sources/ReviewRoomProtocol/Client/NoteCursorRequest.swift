/// `note.cursor {note, rev, anchor, head}`: a caret or selection at a revision, in UTF-16 units.
public struct NoteCursorRequest: Equatable, Sendable {
    /// The note id.
    public var note: String
    /// The revision the positions refer to.
    public var rev: Int
    /// Where the selection starts.
    public var anchor: Int
    /// Where the caret is.
    public var head: Int

    /// Creates the request.
    public init(note: String, rev: Int, anchor: Int, head: Int) {
        self.note = note
        self.rev = rev
        self.anchor = anchor
        self.head = head
    }
}
