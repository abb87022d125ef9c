/// A JavaScript file without its comments, as the daemon serves it: most of the web client's
/// bytes are its doc comments, which no browser needs.
///
/// Every line stays where it was (a comment's line breaks are kept, so a line number in the
/// browser's console is the file's), and so does everything that is not a comment: strings,
/// template literals (with their `${…}`), regular expressions and code, byte for byte but for
/// spaces left at the end of a line. A `/*! … */` comment (a licence, by convention) is kept.
///
/// The scan tells a regular expression from a division by the token before the slash, as a
/// parser would (after a `)`, by what came before its `(`: `if (x) /re/` against `f(x) / 2`), and
/// gives up where that token leaves it unsure (a `}` or a `++`): the file is then served as written. `make test` checks every served file of the client, byte for byte,
/// against the comments a real JavaScript parser finds (`Tests/blackbox/test_served_scripts.py`).
public enum ScriptComments {
    /// `source` (UTF-8) without its comments, or nil when the scan cannot be sure of it (an
    /// unterminated string, comment or expression, a line break inside a string, a slash it
    /// cannot place, a `\` or `#!` outside a string): serve `source` as it is then.
    public static func stripped(_ source: [UInt8]) -> [UInt8]? {
        var scan = ScriptScan(source)
        return scan.run() ? scan.output.bytes : nil
    }
}

/// One pass over a script, copying everything but its comments to ``output``.
private struct ScriptScan {
    /// What a `/` after the last token begins.
    private enum Slash { case regularExpression, division, unsure }

    /// What an open `{` closes into.
    private enum Brace { case block, substitution }

    /// Keywords whose parenthesised condition a statement follows: after `if (x)` a `/` begins a
    /// regular expression, after `f(x)` a division.
    private static let conditionKeywords: Set<[UInt8]> = Set(["if", "while", "for", "with"].map { Array($0.utf8) })

    /// Keywords after which an expression starts, so a `/` begins a regular expression.
    private static let expressionKeywords: Set<[UInt8]> = Set(
        ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]
            .map { Array($0.utf8) })

    private let source: [UInt8]
    private var index = 0
    /// The script so far, comments left out.
    private(set) var output: CommentFreeText
    private var slash = Slash.regularExpression
    private var braces: [Brace] = []
    /// For each open `(`, whether it holds an `if`'s (`while`'s, `for`'s, `with`'s) condition.
    private var parentheses: [Bool] = []

    init(_ source: [UInt8]) {
        self.source = source
        output = CommentFreeText(capacity: source.count)
    }

    /// Copies the script; false when it cannot be sure of it.
    mutating func run() -> Bool {
        if source.starts(with: Array("#!".utf8)) { return false }
        while index < source.count {
            let byte = source[index]
            let next = index + 1 < source.count ? source[index + 1] : 0
            let copied: Bool
            switch byte {
            case UInt8(ascii: "/") where next == UInt8(ascii: "/"): copied = skipLineComment()
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"): copied = skipBlockComment()
            case UInt8(ascii: "/"): copied = copySlash()
            case UInt8(ascii: "'"), UInt8(ascii: "\""): copied = copyString(quote: byte)
            case UInt8(ascii: "`"): copied = copyTemplate()
            case UInt8(ascii: "{"): braces.append(.block); copied = copyPunctuator()
            case UInt8(ascii: "}"): copied = closeBrace()
            case UInt8(ascii: "("): parentheses.append(followsConditionKeyword()); copied = copyPunctuator()
            case UInt8(ascii: ")"): copied = closeParenthesis()
            case UInt8(ascii: "]"): output.append(byte); index += 1; slash = .division; copied = true
            case UInt8(ascii: "\\"): copied = false
            case _ where Self.lineBreakLength(source, at: index) > 0: copyLineBreak(); copied = true
            case _ where Self.isSpace(byte): output.append(byte); index += 1; copied = true
            case _ where Self.isDigit(byte) || (byte == UInt8(ascii: ".") && Self.isDigit(next)): copyNumber(); copied = true
            case _ where Self.isIdentifierByte(byte): copyWord(); copied = true
            default: copied = copyPunctuator()
            }
            guard copied else { return false }
        }
        output.dropTrailingBlanks()
        return braces.isEmpty && parentheses.isEmpty
    }

    // MARK: Comments

    private mutating func skipLineComment() -> Bool {
        while index < source.count, Self.lineBreakLength(source, at: index) == 0 { index += 1 }
        return true
    }

    private mutating func copyLineBreak() {
        let length = Self.lineBreakLength(source, at: index)
        output.appendLineBreak(source[index..<(index + length)])
        index += length
    }

    private mutating func skipBlockComment() -> Bool {
        let start = index
        index += 2
        var breaks: [UInt8] = []
        while index + 1 < source.count, !(source[index] == UInt8(ascii: "*") && source[index + 1] == UInt8(ascii: "/")) {
            let length = Self.lineBreakLength(source, at: index)
            if length > 0 { breaks.append(contentsOf: source[index..<(index + length)]) }
            index += max(length, 1)
        }
        guard index + 1 < source.count else { return false }
        index += 2
        if source[start + 2] == UInt8(ascii: "!") {
            output.append(contentsOf: source[start..<index])
        } else if breaks.isEmpty {
            // A comment between two tokens still parts them.
            output.separate()
        } else {
            // Its line breaks, so automatic semicolon insertion sees what it saw.
            output.appendLineBreak(breaks)
        }
        return true
    }

    // MARK: Tokens

    private mutating func copySlash() -> Bool {
        switch slash {
        case .unsure: return false
        case .division: return copyPunctuator()
        case .regularExpression: break
        }
        let start = index
        index += 1
        var inClass = false
        var closed = false
        while !closed, index < source.count {
            let byte = source[index]
            if Self.lineBreakLength(source, at: index) > 0 { return false }
            index += byte == UInt8(ascii: "\\") ? 2 : 1
            if byte == UInt8(ascii: "[") { inClass = true }
            if byte == UInt8(ascii: "]") { inClass = false }
            closed = byte == UInt8(ascii: "/") && !inClass
        }
        guard closed else { return false }
        while index < source.count, Self.isIdentifierByte(source[index]) { index += 1 }
        output.append(contentsOf: source[start..<index])
        slash = .division
        return true
    }

    private mutating func copyString(quote: UInt8) -> Bool {
        let start = index
        index += 1
        while index < source.count, source[index] != quote {
            if source[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if Self.lineBreakLength(source, at: index) > 0 { return false }
            index += 1
        }
        guard index < source.count else { return false }
        index += 1
        output.append(contentsOf: source[start..<index])
        slash = .division
        return true
    }

    /// Copies a template literal from its opening backtick or from the `}` that ends one of its
    /// substitutions, up to its closing backtick or its next `${`.
    private mutating func copyTemplate() -> Bool {
        let start = index
        index += 1
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            index += 1
            if byte == UInt8(ascii: "`") {
                output.append(contentsOf: source[start..<index])
                slash = .division
                return true
            }
            if byte == UInt8(ascii: "$"), index < source.count, source[index] == UInt8(ascii: "{") {
                index += 1
                output.append(contentsOf: source[start..<index])
                braces.append(.substitution)
                slash = .regularExpression
                return true
            }
        }
        return false
    }

    private mutating func closeBrace() -> Bool {
        guard let brace = braces.popLast() else { return false }
        switch brace {
        case .substitution: return copyTemplate()
        case .block:
            output.append(UInt8(ascii: "}"))
            index += 1
            // The end of a block (a regular expression may follow) or of an object (a division may).
            slash = .unsure
            return true
        }
    }

    private mutating func closeParenthesis() -> Bool {
        guard let condition = parentheses.popLast() else { return false }
        output.append(UInt8(ascii: ")"))
        index += 1
        slash = condition ? .regularExpression : .division
        return true
    }

    /// Whether the last token copied is `if`, `while`, `for` or `with`, or the `await` of a
    /// `for await` (not a property so named).
    private func followsConditionKeyword() -> Bool {
        guard let last = word(endingBefore: output.bytes.count) else { return false }
        let keyword = Array(output.bytes[last])
        if keyword == Array("await".utf8), let previous = word(endingBefore: last.lowerBound) {
            return output.bytes[previous].elementsEqual("for".utf8)
        }
        return Self.conditionKeywords.contains(keyword)
    }

    /// Where the copied word that ends at `end`, spaces and line breaks before it aside, lies in
    /// the output; nil when no word ends there or it is a property (`.if`).
    private func word(endingBefore end: Int) -> Range<Int>? {
        let bytes = output.bytes
        var end = end
        while end > 0, Self.isSpace(bytes[end - 1]) || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var start = end
        while start > 0, Self.isIdentifierByte(bytes[start - 1]) { start -= 1 }
        guard start < end, start == 0 || bytes[start - 1] != UInt8(ascii: ".") else { return nil }
        return start..<end
    }

    private mutating func copyNumber() {
        let start = index
        index += 1
        while index < source.count, Self.isIdentifierByte(source[index]) || source[index] == UInt8(ascii: ".") { index += 1 }
        output.append(contentsOf: source[start..<index])
        slash = .division
    }

    private mutating func copyWord() {
        let start = index
        while index < source.count, Self.isIdentifierByte(source[index]), Self.lineBreakLength(source, at: index) == 0 { index += 1 }
        let word = Array(source[start..<index])
        output.append(contentsOf: word)
        slash = Self.expressionKeywords.contains(word) ? .regularExpression : .division
    }

    private mutating func copyPunctuator() -> Bool {
        let byte = source[index]
        let doubled = index > 0 && source[index - 1] == byte
        output.append(byte)
        index += 1
        // After `++` or `--` a slash divides (`i++ / 2`) or, after a prefix one, begins nothing sure.
        slash = doubled && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) ? .unsure : .regularExpression
        return true
    }

    // MARK: Bytes

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Letters, digits, `_`, `$`, `#` (a private name) and any byte of a non-ASCII character.
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte >= 0x80
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#")
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C }

    /// The length of the line break at `index` (LF, CR, or U+2028/U+2029 in UTF-8), or 0.
    static func lineBreakLength(_ bytes: [UInt8], at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A, 0x0D: return 1
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
            return 3
        default: return 0
        }
    }
}
