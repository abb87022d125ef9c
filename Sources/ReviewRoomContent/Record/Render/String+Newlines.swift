extension String {
    /// Line breaks as spaces, for one-line contexts.
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }

    /// The text's lines with something in them, each trimmed, joined by " / ": a passage of
    /// several lines (a bulleted list) quoted on one line still shows where its lines were.
    /// Joined by spaces, "- Story time daily" and "- Volunteers back" ran together as one
    /// sentence (a workshop audit).
    func joiningLines() -> String {
        split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " / ")
    }
}
