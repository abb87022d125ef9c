/// How the texts people type (names, titles, questions) are measured, alike for the HTTP API
/// and the WebSocket commands. Which characters they hold is not checked: the pages and the
/// record neutralise what could disturb them (control characters, direction controls).
public enum TextRules {
    /// A text's length as the limits count it: Unicode code points, as JSON Schema's `maxLength`
    /// in the OpenAPI document does. (Counted as characters a reader sees, one letter with a
    /// thousand combining marks was one, and such text got past every limit.)
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// True when nothing of `text` shows: it is empty or holds only white space and invisible
    /// format characters (zero-width spaces and joiners, direction marks, byte-order marks).
    public static func showsNothing(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isBlank)
    }

    /// Whether `scalar` shows nothing: white space or an invisible format character.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
    }

    /// A regular expression (ECMA-262 and Python alike) that a text matches when it holds a
    /// character that shows, for the OpenAPI document's `pattern`: a class of everything but the
    /// blank characters of the Basic Multilingual Plane, made from ``showsNothing(_:)``'s own
    /// rule so the two cannot drift. (JSON Schema's `\S` took a zero-width space or U+0085 as
    /// text the server then refused.) Blanks beyond the BMP (tag characters, musical formatting)
    /// cannot be written in a class both dialects read the same way; the server refuses those too.
    public static let showsSomethingPattern: String = {
        var ranges: [(UInt32, UInt32)] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), isBlank(scalar) else { continue }
            if let last = ranges.last, last.1 + 1 == value {
                ranges[ranges.count - 1].1 = value
            } else {
                ranges.append((value, value))
            }
        }
        func escaped(_ value: UInt32) -> String {
            let hex = String(value, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "[^" + ranges.map { $0.0 == $0.1 ? escaped($0.0) : escaped($0.0) + "-" + escaped($0.1) }.joined() + "]"
    }()
}
