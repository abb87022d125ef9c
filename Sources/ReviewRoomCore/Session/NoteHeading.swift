/// A shared note buffer as far as the core knows it: its id and title (the text lives in the notes engine).
public struct NoteHeading: Codable, Equatable, Sendable {
    /// Opaque note id, e.g. `evidence`.
    public var id: String
    /// Title shown above the buffer.
    public var title: String

    /// Creates a note buffer reference.
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}
