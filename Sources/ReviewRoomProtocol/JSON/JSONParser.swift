/// A strict RFC 8259 parser over UTF-8 bytes that caps nesting depth *while* parsing
/// (a message of 64 KiB of `[` must not blow the stack) and records each value's byte range.
///
/// Foundation's parser is not used: it rejects lone surrogate escapes outright, which must
/// instead reach the notes engine as `invalid_op`, and it cannot hand back a value's raw text.
///
/// An object that names a member twice is refused (``JSONParseError/duplicateKey``), at any depth:
/// RFC 8259 leaves what it means to each parser and I-JSON (RFC 7493 §2.3) forbids it, so a
/// client and the daemon could otherwise read one message two ways.
public struct JSONParser {
    /// The default nesting limit: deeper than any protocol message needs.
    public static let defaultMaxDepth = 32

    let bytes: [UInt8]
    let maxDepth: Int
    /// Whether a repeated member name is an error (else the object keeps both, and lookups
    /// find the last): only reading the `id` of a message already refused for one allows it.
    let refusesDuplicateKeys: Bool
    var index = 0

    /// Parses `bytes` as one JSON value (surrounding whitespace allowed).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try parse(bytes, maxDepth: maxDepth, refusingDuplicateKeys: true)
    }

    /// Parses `bytes` as one JSON value; `refusingDuplicateKeys: false` keeps an object that
    /// names a member twice (for reading what can still be read of a message refused for it).
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth,
                             refusingDuplicateKeys: Bool) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth, refusesDuplicateKeys: refusingDuplicateKeys)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 1)
        parser.skipWhitespace()
        guard parser.index == bytes.count else {
            throw JSONParseError("unexpected text after the JSON value at byte \(parser.index)")
        }
        return value
    }

    init(bytes: [UInt8], maxDepth: Int, refusesDuplicateKeys: Bool = true) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.refusesDuplicateKeys = refusesDuplicateKeys
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw JSONParseError("the JSON text ends where a value should be") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""):
            let text = try parseString()
            return JSONValue(kind: .string(text), range: start..<index)
        case UInt8(ascii: "t"): try expectWord("true"); return JSONValue(kind: .bool(true), range: start..<index)
        case UInt8(ascii: "f"): try expectWord("false"); return JSONValue(kind: .bool(false), range: start..<index)
        case UInt8(ascii: "n"): try expectWord("null"); return JSONValue(kind: .null, range: start..<index)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw JSONParseError("unexpected character at byte \(index) where a JSON value should start")
        }
    }

    mutating func expectWord(_ word: String) throws(JSONParseError) {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count, Array(bytes[index..<index + w.count]) == w else {
            throw JSONParseError("invalid literal at byte \(index)")
        }
        index += w.count
    }

    mutating func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth > maxDepth {
            var error = JSONParseError("the JSON nests deeper than \(maxDepth) levels at byte \(index)")
            error.nestsTooDeep = true
            throw error
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        let start = index
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return JSONValue(kind: .array([]), range: start..<index)
        }
        var elements: [JSONValue] = []
        // Room for a typical op or list up front: growing from empty reallocates three times.
        elements.reserveCapacity(4)
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError("unterminated array starting at byte \(start)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; break }
            throw JSONParseError("expected ',' or ']' at byte \(index)")
        }
        return JSONValue(kind: .array(elements), range: start..<index)
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth)
        let start = index
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONValue(kind: .object([]), range: start..<index)
        }
        var members: [(String, JSONValue)] = []
        // Protocol messages have up to about eight members: one allocation instead of four.
        members.reserveCapacity(8)
        var names = JSONDuplicateKeys()
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw JSONParseError("expected a quoted member name at byte \(index)")
            }
            let keyStart = index
            let key = try parseString()
            if refusesDuplicateKeys, names.repeats(key, in: members) {
                throw JSONParseError(duplicateKey: key, at: keyStart)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw JSONParseError("expected ':' after member name at byte \(index)")
            }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError("unterminated object starting at byte \(start)") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; break }
            throw JSONParseError("expected ',' or '}' at byte \(index)")
        }
        return JSONValue(kind: .object(members), range: start..<index)
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError("invalid number at byte \(start)") }
        let digitsStart = index
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let isInteger = index == bytes.count
            || (bytes[index] != UInt8(ascii: ".") && bytes[index] != UInt8(ascii: "e") && bytes[index] != UInt8(ascii: "E"))
        if isInteger, index - digitsStart <= 15 {
            // Revisions, ids, seqs and op lengths: at most 15 digits are exact in a Double, so
            // they are summed here instead of going through a String and strtod.
            var magnitude = 0
            for byte in bytes[digitsStart..<index] { magnitude = magnitude * 10 + Int(byte &- UInt8(ascii: "0")) }
            return JSONValue(kind: .number(negative ? -Double(magnitude) : Double(magnitude)), range: start..<index)
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError("invalid number at byte \(start)") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError("invalid number at byte \(start)") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let value = Double(text).flatMap { $0.isFinite ? $0 : nil }
        return JSONValue(kind: .number(value), range: start..<index)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        // Most strings have no escape: they are decoded straight from their bytes, once.
        var text = ""
        var escaped = false
        var runStart = index
        func flushRun(_ end: Int) {
            if end > runStart { text += String(decoding: bytes[runStart..<end], as: UTF8.self) }
        }
        while true {
            guard index < bytes.count else { throw JSONParseError("unterminated string starting at byte \(start)") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if !escaped {
                    text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                } else {
                    flushRun(index)
                }
                index += 1
                return text
            }
            if byte < 0x20 { throw JSONParseError("unescaped control character in a string at byte \(index)") }
            if byte != UInt8(ascii: "\\") { index += 1; continue }
            flushRun(index)
            escaped = true
            index += 1
            guard index < bytes.count else { throw JSONParseError("unterminated escape at byte \(index)") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): text.unicodeScalars.append("\"")
            case UInt8(ascii: "\\"): text.unicodeScalars.append("\\")
            case UInt8(ascii: "/"): text.unicodeScalars.append("/")
            case UInt8(ascii: "b"): text.unicodeScalars.append("\u{08}")
            case UInt8(ascii: "f"): text.unicodeScalars.append("\u{0C}")
            case UInt8(ascii: "n"): text.unicodeScalars.append("\n")
            case UInt8(ascii: "r"): text.unicodeScalars.append("\r")
            case UInt8(ascii: "t"): text.unicodeScalars.append("\t")
            case UInt8(ascii: "u"): text.unicodeScalars.append(try parseUnicodeEscape())
            default: throw JSONParseError("invalid escape '\\\(Character(Unicode.Scalar(escape)))' at byte \(index - 1)")
            }
            runStart = index
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONParseError("truncated \\u escape at byte \(index)") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONParseError("invalid \\u escape at byte \(index)")
            }
            value = value * 16 + digit
        }
        index += 4
        return value
    }

    private mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high), index + 6 <= bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            let save = index
            index += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) {
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
            }
            index = save
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }
}
