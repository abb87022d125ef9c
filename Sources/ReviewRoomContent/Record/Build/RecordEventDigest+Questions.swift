import ReviewRoomCore

extension RecordEventDigest {
    /// Log lines for the questions added, reworded and taken out between two decks: the
    /// late changes the host school should see (a `prompt.add` live, a PATCH rewording one).
    /// Nothing when the deck before is unknown (no earlier event carried it).
    static func questionChanges(from old: Prompts?, to new: Prompts) -> [String] {
        guard let old else { return [] }
        var out: [String] = []
        for prompt in new.deck {
            if let before = old.prompt(prompt.id) {
                if before.text != prompt.text {
                    out.append("Question reworded: “\(before.text)” → “\(prompt.text)”")
                }
                if before.theme != prompt.theme {
                    out.append(themeChange(of: prompt.text, from: before.theme, to: prompt.theme))
                }
            } else {
                out.append("Question added: “\(prompt.text)”")
            }
        }
        for prompt in old.deck where new.prompt(prompt.id) == nil {
            out.append("Question taken out of the deck: “\(prompt.text)”")
        }
        return out
    }

    /// "Question “…”: theme “a” → “b”", or given / removed when the question had none / has none.
    private static func themeChange(of text: String, from old: String?, to new: String?) -> String {
        switch (old, new) {
        case let (old?, new?): "Question “\(text)”: theme “\(old)” → “\(new)”"
        case let (nil, new?): "Question “\(text)”: theme “\(new)” given"
        case let (old?, nil): "Question “\(text)”: theme “\(old)” removed"
        case (nil, nil): "Question “\(text)”: theme unchanged"
        }
    }
}
