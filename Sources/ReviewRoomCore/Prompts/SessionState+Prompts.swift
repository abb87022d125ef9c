extension SessionState {
    /// Longest prompt text, in code points (`TextRules.length`), as the HTTP API's `prompts[].text` (2,000; `prompt.add` took 1,000 until both were one rule).
    static let maxPromptLength = 2000
    /// As the HTTP API's `prompts[].theme`.
    static let maxThemeLength = 200

    func decidePromptShow(_ id: String) throws(CommandError) -> [EventBody] {
        guard prompts.prompt(id) != nil else { throw .notFound("prompt.show: the deck has no prompt \(QuotedID.quoted(id))") }
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
        guard prompts.prompt(id) != nil else { throw .notFound("prompt.discussed: the deck has no prompt \(QuotedID.quoted(id))") }
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
        guard !TextRules.showsNothing(trimmed) else { throw .badRequest("prompt.add text is empty: write the question") }
        guard TextRules.length(trimmed) <= Self.maxPromptLength else {
            throw .badRequest("prompt.add text has \(TextRules.length(trimmed)) characters: at most \(Self.maxPromptLength) fit")
        }
        let cleanTheme = theme.map(Trim.whitespace)
        if let cleanTheme {
            guard TextRules.length(cleanTheme) <= Self.maxThemeLength else {
                throw .badRequest("prompt.add theme has \(TextRules.length(cleanTheme)) characters: at most \(Self.maxThemeLength) fit")
            }
        }
        var new = prompts
        new.deck.append(Prompt(id: prompts.freshID(), text: trimmed,
                               theme: cleanTheme?.isEmpty == false ? cleanTheme : nil))
        return [.promptsChanged(new)]
    }
}
