/// HTML escaping: every piece of session text goes through ``escape(_:)`` before it reaches the page.
enum HTMLText {
    /// Text safe in element content and in double-quoted attribute values; CRLF, a lone CR and
    /// NEL become LF, and direction controls left open are closed where their line ends
    /// (``DirectionControls``).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previous: Unicode.Scalar?
        for scalar in DirectionControls.balanced(text).unicodeScalars {
            defer { previous = scalar }
            // A lone CR is a line break in the text (JSON keeps it; Markdown quotes it as one),
            // so it becomes LF here too; the CR of a CRLF is dropped.
            if previous == "\r" && scalar != "\n" { out += "\n" }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": continue
            // NEL is a C1 control HTML does not allow; the Markdown record breaks the line there.
            case "\u{85}": out += "\n"
            default:
                // Control characters other than tab and line feed, and noncharacters, are not
                // allowed in HTML text.
                if scalar.isUnfitForRecordText {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        if previous == "\r" { out += "\n" }
        return out
    }
}
