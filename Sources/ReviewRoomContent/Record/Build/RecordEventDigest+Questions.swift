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
            } else {
                out.append("Question added: “\(prompt.text)”")
            }
        }
        for prompt in old.deck where new.prompt(prompt.id) == nil {
            out.append("Question taken out of the deck: “\(prompt.text)”")
        }
        return out
    }
}
