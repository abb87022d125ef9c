/// An enquiry question of the session's deck, with the wording it had when it was shown or
/// discussed.
public struct RecordQuestion: Codable, Equatable, Sendable {
    /// Its number in the record (1-based, in the record's order): "Q3" in a workshop.
    public var number: Int
    /// Prompt id.
    public var id: String
    /// The question as it read when it was marked discussed, else when it was last shown,
    /// else as the deck has it.
    public var text: String
    /// Its theme, with the same wording rule as ``text``.
    public var theme: String?
    /// Whether it was shown to everyone at some point.
    public var shown: Bool
    /// Whether it is marked discussed (for a removed question: when it was removed).
    public var discussed: Bool
    /// The deck's wording now, when the question was reworded after it was shown or discussed.
    public var laterText: String?
    /// Whether it was taken out of the deck after being shown or discussed.
    public var removed: Bool
    /// Each stretch it was on screen, in order (empty when it never was).
    public var showings: [RecordQuestionShowing]
}
