/// A stylesheet without its comments, as the daemon serves it (a third of the client's
/// stylesheet is comments). Every line stays where it was and everything else is copied as it
/// was: strings and `url(…)` untouched, spaces at a line's end dropped; a `/*! … */` is kept.
public enum StyleComments {
    /// `source` (UTF-8) without its comments, or nil when the scan cannot be sure of it (an
    /// unterminated comment, string or `url(`, a line break inside a string, a comment wedged
    /// between two tokens with no space either side): serve `source` as it is then.
    public static func stripped(_ source: [UInt8]) -> [UInt8]? {
        var output = CommentFreeText(capacity: source.count)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "/"), index + 1 < source.count, source[index + 1] == UInt8(ascii: "*") {
                guard let end = commentEnd(source, from: index) else { return nil }
                let comment = source[index..<end]
                if comment.dropFirst(2).first == UInt8(ascii: "!") {
                    output.append(contentsOf: comment)
                } else {
                    let breaks = comment.filter { $0 == 0x0A || $0 == 0x0D }
                    if !breaks.isEmpty {
                        output.appendLineBreak(breaks)
                    } else if !isWhiteSpace(output.bytes.last) && !isWhiteSpace(end < source.count ? source[end] : nil) {
                        // `a/**/b` is two tokens, `a b` a descendant selector: neither is safe to write.
                        return nil
                    }
                }
                index = end
            } else if byte == 0x0A || byte == 0x0D {
                output.appendLineBreak([byte])
                index += 1
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                guard let end = stringEnd(source, from: index) else { return nil }
                output.append(contentsOf: source[index..<end])
                index = end
            } else if byte == UInt8(ascii: "\\") {
                // An escaped character is never a comment's start: `.a\/*b` is the class `a/`, then `*b`.
                output.append(contentsOf: source[index..<min(index + 2, source.count)])
                index += 2
            } else if let end = unquotedURLEnd(source, from: index) {
                guard end > index else { return nil }
                output.append(contentsOf: source[index..<end])
                index = end
            } else {
                output.append(byte)
                index += 1
            }
        }
        output.dropTrailingBlanks()
        return output.bytes
    }

    /// Where the comment starting at `start` ends (past its `*/`), or nil when it does not.
    private static func commentEnd(_ source: [UInt8], from start: Int) -> Int? {
        var index = start + 2
        while index + 1 < source.count {
            if source[index] == UInt8(ascii: "*"), source[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        return nil
    }

    /// Where the string starting at `start` ends (past its closing quote), or nil when it does
    /// not, or breaks a line unescaped.
    private static func stringEnd(_ source: [UInt8], from start: Int) -> Int? {
        let quote = source[start]
        var index = start + 1
        while index < source.count {
            switch source[index] {
            case quote: return index + 1
            case UInt8(ascii: "\\"): index += 2
            case 0x0A, 0x0D, 0x0C: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// When an unquoted `url(` starts at `start` (its content is not a comment, whatever it
    /// holds): where it ends, past its `)`, or `start` when it does not end on its line. Nil when
    /// no unquoted `url(` starts there.
    private static func unquotedURLEnd(_ source: [UInt8], from start: Int) -> Int? {
        let opening = Array("url(".utf8)
        guard start + opening.count < source.count,
              zip(source[start..<(start + opening.count)], opening).allSatisfy({ $0 | 0x20 == $1 | 0x20 }),
              start == 0 || !isNameByte(source[start - 1]) else { return nil }
        var index = start + opening.count
        while index < source.count, source[index] == 0x20 || source[index] == 0x09 { index += 1 }
        guard index < source.count, source[index] != UInt8(ascii: "'"), source[index] != UInt8(ascii: "\"") else { return nil }
        while index < source.count, source[index] != UInt8(ascii: ")") {
            if source[index] == 0x0A || source[index] == 0x0D { return start }
            index += source[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        return index < source.count ? index + 1 : start
    }

    private static func isWhiteSpace(_ byte: UInt8?) -> Bool {
        guard let byte else { return true }
        return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }

    /// Bytes of a CSS name (`my-url(` is a function of its own, not `url(`).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\\")
    }
}
