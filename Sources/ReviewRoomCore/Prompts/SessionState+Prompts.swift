extension SessionState {
    /// Longest prompt text, in characters.
    static let maxPromptLength = 1000

    func decidePromptShow(_ id: String) throws(CommandError) -> [EventBody] {
        guard prompts.prompt(id) != nil else { throw .notFound("prompt.show: the deck has no prompt '\(id)'") }
        guard prompts.current != id else { return [] }
        var new = prompts
        new.current = id
        return [.promptsChanged(new)]
    }

    func decidePromptHide() -> [EventBody] {
        guard prompts.current != nil else { return [] }
        var new = prompts
        new.current = nil
        return [.promptsChanged(new)]
    }

    func decidePromptDiscussed(_ id: String, _ discussed: Bool) throws(CommandError) -> [EventBody] {
        guard prompts.prompt(id) != nil else { throw .notFound("prompt.discussed: the deck has no prompt '\(id)'") }
        guard prompts.discussed.contains(id) != discussed else { return [] }
        var new = prompts
        if discussed {
            new.discussed.append(id)
        } else {
            new.discussed.removeAll { $0 == id }
        }
        return [.promptsChanged(new)]
    }

    func decidePromptAdd(text: String, theme: String?) throws(CommandError) -> [EventBody] {
        let trimmed = Trim.whitespace(text)
        guard !trimmed.isEmpty else { throw .badRequest("prompt.add text is empty: write the question") }
        guard trimmed.count <= Self.maxPromptLength else {
            throw .badRequest("prompt.add text has \(trimmed.count) characters: at most \(Self.maxPromptLength) fit")
        }
        let cleanTheme = theme.map(Trim.whitespace)
        var new = prompts
        new.deck.append(Prompt(id: prompts.freshID(), text: trimmed,
                               theme: cleanTheme?.isEmpty == false ? cleanTheme : nil))
        return [.promptsChanged(new)]
    }
}
