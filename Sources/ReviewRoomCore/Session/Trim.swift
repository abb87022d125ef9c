/// Whitespace trimming without Foundation, for names, titles and prompt texts.
enum Trim {
    /// `text` without leading and trailing whitespace and newlines.
    static func whitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
