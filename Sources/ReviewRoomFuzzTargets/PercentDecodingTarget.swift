import ReviewRoomServer

/// A URL path segment through `PercentDecoding`, as the API router and the static files
/// decode one. Properties: a segment without `%` decodes to itself, and encoding the decoded
/// text again (every byte as `%XX`) decodes back to it.
enum PercentDecodingTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        // Bytes, not characters: "%" followed by a combining mark is one Character, not "%".
        let escapes = text.utf8.contains(UInt8(ascii: "%"))
        guard let decoded = PercentDecoding.decode(text[...]) else {
            require(escapes, .percentDecoding, "'\(text)' has no escape but was refused")
            return
        }
        if !escapes {
            require(decoded == text, .percentDecoding, "'\(text)' has no escape but decoded to '\(decoded)'")
        }
        let encoded = decoded.utf8.map { "%" + String($0, radix: 16, uppercase: true).leftPadded }.joined()
        require(PercentDecoding.decode(encoded[...]) == decoded, .percentDecoding, "'\(decoded)' does not survive %XX")
    }
}

private extension String {
    /// Two hex digits.
    var leftPadded: String { count == 1 ? "0" + self : self }
}
