/// A note's state at one revision, as stored and as sent in `welcome` (`{id, title, rev, text}`).
public struct NoteSnapshot: Equatable, Sendable {
    /// The note id.
    public var id: String
    /// The note's title.
    public var title: String
    /// The revision the text is at.
    public var rev: Int
    /// The text at ``rev``.
    public var text: String

    /// Creates a snapshot.
    public init(id: String, title: String, rev: Int, text: String) {
        self.id = id
        self.title = title
        self.rev = rev
        self.text = text
    }
}
