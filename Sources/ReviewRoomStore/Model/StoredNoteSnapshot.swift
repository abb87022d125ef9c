/// One shared note's full text at a revision, part of a `StoredSessionSnapshot`.
public struct StoredNoteSnapshot: Sendable, Equatable {
    /// The note's id (`evidence`, …).
    public var note: String
    /// The note's revision at the snapshot.
    public var rev: Int64
    /// The note's text at that revision.
    public var text: String

    /// Creates a note snapshot.
    public init(note: String, rev: Int64, text: String) {
        self.note = note
        self.rev = rev
        self.text = text
    }
}
