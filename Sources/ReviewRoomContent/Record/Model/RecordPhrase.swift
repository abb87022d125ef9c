/// Wording in a note worth revisiting (a language hint on the final text).
public struct RecordPhrase: Codable, Equatable, Sendable {
    /// Note id.
    public var note: String
    /// Note title.
    public var noteTitle: String
    /// Start in UTF-16 code units of the note's text.
    public var from: Int
    /// End (exclusive).
    public var to: Int
    /// The wording as written.
    public var phrase: String
    /// The coaching reframe.
    public var suggestion: String
    /// The line it is on, trimmed; of a line over 200 characters, at most 200 that hold the
    /// phrase, "…" where the line goes on.
    public var context: String
}
