/// One rule of the language-hint rule set: a word or phrase, matched whole-word and
/// case-insensitively, and the coaching reframe offered for it.
public struct LanguageRule: Equatable, Sendable {
    /// The phrase as lower-case words (apostrophes as `'`), e.g. `["their", "fault"]`.
    public var words: [String]
    /// Which family it belongs to.
    public var category: HintCategory
    /// The reframe shown with the hint.
    public var suggestion: String
    /// The phrase is not flagged when the next word is one of these (e.g. "outstanding *actions*").
    public var unlessBefore: Set<String>
    /// The phrase is not flagged when the previous word is one of these (e.g. "*explained* clearly").
    public var unlessAfter: Set<String>

    /// Creates a rule; `phrase` is split on spaces and lower-cased.
    public init(_ phrase: String, _ category: HintCategory, _ suggestion: String,
                unlessBefore: Set<String> = [], unlessAfter: Set<String> = []) {
        self.words = phrase.lowercased().split(separator: " ").map(String.init)
        self.category = category
        self.suggestion = suggestion
        self.unlessBefore = unlessBefore
        self.unlessAfter = unlessAfter
    }

    /// The phrase as one string, e.g. `their fault`.
    public var phrase: String { words.joined(separator: " ") }
}
