import ReviewRoomCore

/// A built-in enquiry question deck (`GET /api/v1/prompt-decks`, `promptDeck` in `POST`).
///
/// Encodes as `{id, title, prompts: [{id, text, theme}]}`.
public struct PromptDeck: Codable, Equatable, Sendable {
    /// Stable id, e.g. `covid-recovery`.
    public var id: String
    /// Title shown to facilitators.
    public var title: String
    /// The questions, each with a theme tag.
    public var prompts: [Prompt]

    /// Creates a deck.
    public init(id: String, title: String, prompts: [Prompt]) {
        self.id = id; self.title = title; self.prompts = prompts
    }

    /// A deck whose prompts are `texts` in order, with ids `<prefix>-01`, `<prefix>-02`, …
    /// and every prompt tagged with `theme`.
    init(id: String, title: String, idPrefix: String, theme: String, texts: [String]) {
        let prompts = texts.enumerated().map { index, text in
            let number = index + 1
            return Prompt(id: "\(idPrefix)-\(number < 10 ? "0" : "")\(number)", text: text, theme: theme)
        }
        self.init(id: id, title: title, prompts: prompts)
    }
}
