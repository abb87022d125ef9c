/// Writes a Swift string as a JSON string literal: the one escaper behind a note op's wire
/// text and the protocol's hand-assembled frames.
public enum JSONStringLiteral {
    /// Appends `text` to `out` as a JSON string literal, quotes included. `"`, `\` and control
    /// characters are escaped, and so are U+2028/U+2029, which JavaScript source would read as
    /// line ends.
    public static func append(_ text: String, to out: inout String) {
        out += "\""
        // Ids, event names and most words are printable ASCII without `"` or `\`: copied whole.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            out += text
            out += "\""
            return
        }
        out.reserveCapacity(out.utf8.count + text.utf8.count + 1)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + OpJSONParser.hex(UInt16(scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
