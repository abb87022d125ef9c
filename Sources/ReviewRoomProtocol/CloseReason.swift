/// The reason text of a WebSocket close frame: RFC 6455 §5.5 allows 125 payload bytes, two of
/// them the code, so a reason is at most 123 bytes of UTF-8.
public enum CloseReason {
    /// The most bytes of UTF-8 a close reason may have.
    public static let maxBytes = 123

    /// `text` cut to at most ``maxBytes`` bytes of UTF-8 at a character boundary (no scalar,
    /// and no grapheme cluster such as a flag or an accented letter, is split).
    public static func fitting(_ text: String) -> String {
        guard text.utf8.count > maxBytes else { return text }
        var bytes = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let size = text.utf8.distance(from: index, to: next)
            guard bytes + size <= maxBytes else { break }
            bytes += size
            end = next
        }
        return String(text[..<end])
    }
}
