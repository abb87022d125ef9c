/// A span of note text worth revisiting, with a coaching reframe (ephemeral `hint`, record).
///
/// Encodes as `{from, to, phrase, suggestion}`.
public struct LanguageHint: Codable, Equatable, Sendable {
    /// Start, in UTF-16 code units.
    public var from: Int
    /// End (exclusive), in UTF-16 code units.
    public var to: Int
    /// The flagged wording as written.
    public var phrase: String
    /// A coaching reframe to consider.
    public var suggestion: String

    /// Creates a hint.
    public init(from: Int, to: Int, phrase: String, suggestion: String) {
        self.from = from; self.to = to; self.phrase = phrase; self.suggestion = suggestion
    }
}
