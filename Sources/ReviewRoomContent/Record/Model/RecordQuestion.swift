/// An enquiry question of the session's deck.
public struct RecordQuestion: Codable, Equatable, Sendable {
    /// Prompt id.
    public var id: String
    /// The question.
    public var text: String
    /// Its theme, if any.
    public var theme: String?
    /// Whether it was shown to everyone at some point.
    public var shown: Bool
    /// Whether it is marked discussed.
    public var discussed: Bool
}
