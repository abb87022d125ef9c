/// The families of wording the language rules flag (see the LanguageHints article).
public enum HintCategory: String, Codable, Sendable, CaseIterable {
    /// Grading words: a verdict instead of a description ("outstanding", "poor").
    case grading
    /// Absolutes: "never", "always", "nobody", "everyone".
    case absolute
    /// Blame: "their fault", "lazy", "should have".
    case blame
    /// Certainty: "clearly", "obviously" — presenting a view as a fact.
    case certainty
}
