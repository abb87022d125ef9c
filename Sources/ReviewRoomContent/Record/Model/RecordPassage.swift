/// A stretch of note text written by one person.
public struct RecordPassage: Codable, Equatable, Sendable {
    /// Start in UTF-16 code units.
    public var from: Int
    /// End (exclusive) in UTF-16 code units.
    public var to: Int
    /// Author participant id; null for text older than the history kept.
    public var author: String?
    /// The author's name (`earlier text` when unknown).
    public var authorName: String
    /// The passage.
    public var text: String
}
