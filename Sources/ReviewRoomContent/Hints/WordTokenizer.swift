/// Splits text into words for the language rules: Unicode letters, digits and marks, with
/// apostrophes and hyphens kept inside a word ("don't", "poorly-ventilated" are one word each).
///
/// ``tokens(of:)`` is the plain statement of the rules (the tests' reference); the scan itself
/// reads the same words in place with ``UTF16WordReader``, sharing the predicates below.
enum WordTokenizer {
    /// The words of `scalars`, with UTF-16 positions and whether each is quoted.
    static func tokens(of scalars: [Unicode.Scalar]) -> [WordToken] {
        var tokens: [WordToken] = []
        var offset = 0
        var start: (unit: Int, scalar: Int, quoted: Bool)?
        var quoted = false
        var onlyBlanksSinceLastWord = false
        var separatorIsBlank = false
        for (index, scalar) in scalars.enumerated() {
            let inside = isWordScalar(scalar)
                || (start != nil && isJoiner(scalar) && index + 1 < scalars.count && isWordScalar(scalars[index + 1]))
            if inside {
                if start == nil {
                    start = (offset, index, quoted)
                    separatorIsBlank = onlyBlanksSinceLastWord
                }
            } else {
                if let begun = start {
                    tokens.append(token(scalars, begun, end: index, endUnit: offset, joined: separatorIsBlank))
                    start = nil
                    onlyBlanksSinceLastWord = true
                }
                if scalar != " " && scalar != "\t" { onlyBlanksSinceLastWord = false }
                quoted = nextQuoteState(quoted, after: scalar)
            }
            offset += UTF16.width(scalar)
        }
        if let begun = start {
            tokens.append(token(scalars, begun, end: scalars.count, endUnit: offset, joined: separatorIsBlank))
        }
        return tokens
    }

    private static func token(_ scalars: [Unicode.Scalar], _ start: (unit: Int, scalar: Int, quoted: Bool),
                              end: Int, endUnit: Int, joined: Bool) -> WordToken {
        return WordToken(word: word(of: scalars[start.scalar ..< end]), from: start.unit, to: endUnit,
                         scalars: start.scalar ..< end, joinedToPrevious: joined, quoted: start.quoted)
    }

    /// The word the rules compare: lower-cased, typographic apostrophes and hyphens made plain.
    static func word(of scalars: ArraySlice<Unicode.Scalar>) -> String {
        asciiLowercased(scalars) ?? unicodeWord(scalars)
    }

    /// The lowercased word when every scalar is ASCII (most words; a short one becomes a small
    /// string with no allocation), nil otherwise.
    private static func asciiLowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String? {
        guard scalars.allSatisfy(\.isASCII) else { return nil }
        return String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (offset, scalar) in zip(buffer.indices, scalars) {
                let byte = UInt8(scalar.value)
                buffer[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return scalars.count
        }
    }

    /// The lowercased word with typographic apostrophes and hyphens made plain.
    private static func unicodeWord(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        for scalar in scalars {
            switch scalar {
            case "\u{2019}", "\u{2018}": view.append("'")
            case "\u{2010}", "\u{2011}": view.append("-")
            default: view.append(scalar)
            }
        }
        return String(view).lowercased()
    }

    /// Letters, digits and combining marks make words.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII answers without the Unicode property tables (the scan runs after every edit).
        if scalar.isASCII {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": return true
            default: return false
            }
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return false
        }
    }

    /// Apostrophes and hyphens join two word characters into one word.
    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "'", "\u{2019}", "-", "\u{2010}", "\u{2011}": true
        default: false
        }
    }

    /// Straight double quotes toggle quoting; curly quotes and guillemets open and close it;
    /// a line break ends it (an unclosed quote does not swallow the rest of the note).
    static func nextQuoteState(_ quoted: Bool, after scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"": !quoted
        case "\u{201C}", "\u{201E}", "\u{00AB}": true
        case "\u{201D}", "\u{00BB}", "\n", "\r", "\u{2028}", "\u{2029}": false
        default: quoted
        }
    }
}
