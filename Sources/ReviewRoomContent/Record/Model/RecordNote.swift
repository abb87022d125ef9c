/// A note buffer's final text with who wrote which passage.
public struct RecordNote: Codable, Equatable, Sendable {
    /// Note id (`actions` for the actions buffer).
    public var id: String
    /// Title.
    public var title: String
    /// Its revision.
    public var rev: Int
    /// The whole text.
    public var text: String
    /// The text cut into passages by author, in order (their texts concatenate to `text`).
    public var passages: [RecordPassage]
    /// Names of everyone who wrote some of the text, in order of first appearance.
    public var authors: [String]
}
