extension FlatTOMLParser {
    /// `"…"`, with TOML's escapes.
    mutating func basicString() throws(Failure) -> String {
        let open = position
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = peek, !isLineEnd else { throw unclosed(open) }
            position += 1
            switch scalar {
            case "\"": return String(text)
            case "\\": text.append(try escape())
            default: text.append(scalar)
            }
        }
    }

    /// `'…'`, taken as written.
    mutating func literalString() throws(Failure) -> String {
        let open = position
        position += 1
        let start = position
        while let scalar = peek, scalar != "'" {
            guard !isLineEnd else { throw unclosed(open) }
            position += 1
        }
        guard peek == "'" else { throw unclosed(open) }
        position += 1
        return String(String.UnicodeScalarView(scalars[start..<position - 1]))
    }

    /// `"""…"""` (with escapes, and a backslash at the end of a line taking the blanks and line
    /// ends after it) or `'''…'''` (taken as written): line ends kept, as LF, but for one right
    /// after the opening quotes.
    mutating func multiLineString(_ quote: Unicode.Scalar) throws(Failure) -> String {
        let open = position
        position += 3
        skipFirstLineEnd()
        var text = String.UnicodeScalarView()
        while let scalar = peek {
            if scalar == quote, let quotes = try closingQuotes(quote) {
                text.append(contentsOf: String(repeating: String(quote), count: quotes).unicodeScalars)
                return String(text)
            }
            if appendedLineEnd(to: &text) { continue }
            position += 1
            if scalar == "\\" && quote == "\"" {
                if trimsLineEnd() { continue }
                text.append(try escape())
            } else {
                text.append(scalar)
            }
        }
        let delimiter = String(repeating: String(quote), count: 3)
        throw Failure(position: open, message: "the \(delimiter) string is never closed with \(delimiter)")
    }

    /// At a CRLF inside a multi-line string: consumes it and appends an LF, as toml++ does (TOML
    /// lets a parser normalise line ends; a file saved on Windows then reads as one saved on Linux).
    private mutating func appendedLineEnd(to text: inout String.UnicodeScalarView) -> Bool {
        guard peek == "\r", peek(1) == "\n" else { return false }
        position += 2
        text.append("\n")
        return true
    }

    private var isLineEnd: Bool { peek == "\n" || (peek == "\r" && peek(1) == "\n") }

    private func unclosed(_ open: Int) -> Failure {
        Failure(position: open, message: "the string is not closed before the end of the line", remind: true)
    }

    private mutating func skipFirstLineEnd() {
        if peek == "\n" { position += 1 } else if peek == "\r" && peek(1) == "\n" { position += 2 }
    }

    /// At a quote inside a multi-line string: nil if fewer than three follow (content); else
    /// consumes them and returns how many of them (0–2) belong to the text before the closing three.
    private mutating func closingQuotes(_ quote: Unicode.Scalar) throws(Failure) -> Int? {
        var count = 0
        while peek(count) == quote { count += 1 }
        guard count >= 3 else { return nil }
        guard count <= 5 else {
            throw Failure(position: position + 5, message: "too many \(quote) in a row: a multi-line string ends at the third")
        }
        position += count
        return count - 3
    }

    /// After a backslash in `"""`: whether it ends its line (only blanks after it), in which case
    /// the line end and every blank and line end after it are skipped.
    private mutating func trimsLineEnd() -> Bool {
        var index = position
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        guard index < scalars.count, scalars[index] == "\n" || (scalars[index] == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") else {
            return false
        }
        position = index
        while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\n" || (scalar == "\r" && peek(1) == "\n")
                || Self.isOtherHorizontalSpace(scalar) {
            position += 1
        }
        return true
    }

    /// The spaces besides space and tab that toml++ also trims after a line-ending backslash
    /// (TOML names only those two; files toml++ read keep their meaning).
    private static func isOtherHorizontalSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0, 0x1680, 0x180E, 0x2000...0x200B, 0x202F, 0x205F...0x2060, 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// The scalar an escape after a backslash stands for.
    private mutating func escape() throws(Failure) -> Unicode.Scalar {
        let start = position - 1
        guard let letter = peek else { throw Failure(position: start, message: "a \\ at the end of the file") }
        position += 1
        switch letter {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let digits = letter == "u" ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let scalar = peek, scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else {
                    throw Failure(position: start, message: "\\\(letter) takes \(digits) hexadecimal digits")
                }
                value = value << 4 | digit
                position += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw Failure(position: start, message: "\\\(letter) names no Unicode character (a surrogate, or past U+10FFFF)")
            }
            // Paths and addresses go to C functions, for which a NUL ends the text.
            guard value != 0 else {
                throw Failure(position: start, message: "\\\(letter) names the NUL character, which no setting may hold")
            }
            return scalar
        default:
            throw Failure(position: start, message: "`\\\(Self.shown(letter))` is not an escape TOML knows: write \\\\ for a backslash, "
                + "or put a path in 'single quotes'")
        }
    }
}
