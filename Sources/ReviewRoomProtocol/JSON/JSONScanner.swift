/// Reads a JSON text front to back without building a ``JSONValue`` tree: a hot path that needs
/// a few members of a known message walks its objects member by member, compares keys as
/// written, decodes only the values it wants and skips the rest (still checking their syntax).
///
/// The bench driver reads every frame it receives this way. Keys are compared byte for byte
/// as they appear between the quotes, so an escaped key (`"\u0074ype"`) never matches a plain
/// one; callers fall back to ``JSONParser`` for anything they do not recognise.
public struct JSONScanner {
    private var parser: JSONParser
    private var keyRange: Range<Int> = 0..<0
    private var depth = 1
    /// No entry of the container entered last has been read yet (so no separator is due).
    private var first = true

    /// A scanner at the start of `bytes`.
    public init(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) {
        parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
    }

    /// Enters the object that is the next value (throws if it is not an object).
    public mutating func enterObject() throws(JSONParseError) {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "{") else {
            throw JSONParseError("expected an object at byte \(parser.index)")
        }
        try parser.checkDepth(depth)
        depth += 1
        parser.index += 1
        first = true
    }

    /// Moves to the next member of the object entered last and returns true, positioned at its
    /// value (read it or ``skipValue()`` before the next call); false after the closing brace.
    public mutating func nextMember() throws(JSONParseError) -> Bool {
        guard try advance(closing: UInt8(ascii: "}"), in: "object") else { return false }
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
            throw JSONParseError("expected a member name at byte \(parser.index)")
        }
        let start = parser.index + 1
        try skipString()
        keyRange = start ..< parser.index - 1
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: ":") else {
            throw JSONParseError("expected ':' at byte \(parser.index)")
        }
        parser.index += 1
        parser.skipWhitespace()
        return true
    }

    /// Whether the current member's key is `name`, as written.
    public func keyIs(_ name: StaticString) -> Bool {
        Self.bytes(parser.bytes[keyRange], equal: name)
    }

    /// Whether the next value is the string `text` exactly as written (consumed if so, and
    /// left in place otherwise).
    public mutating func stringIs(_ text: StaticString) throws(JSONParseError) -> Bool {
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else { return false }
        let start = parser.index
        try skipString()
        if Self.bytes(parser.bytes[start + 1 ..< parser.index - 1], equal: text) { return true }
        parser.index = start
        return false
    }

    /// The next value, which must be a string.
    public mutating func string() throws(JSONParseError) -> String {
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "\"") else {
            throw JSONParseError("expected a string at byte \(parser.index)")
        }
        return try parser.parseString()
    }

    /// The next value as a whole number an `Int` holds exactly, or nil for any other number.
    /// Throws if it is not a number.
    public mutating func int() throws(JSONParseError) -> Int? {
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "-") || parser.isDigit(parser.bytes[parser.index]) else {
            throw JSONParseError("expected a number at byte \(parser.index)")
        }
        return try parser.parseNumber().int
    }

    /// The next value, parsed whole.
    public mutating func value() throws(JSONParseError) -> JSONValue {
        try parser.parseValue(depth: depth)
    }

    /// Whether the next value is an array; if so, enters it (read elements with ``nextElement()``).
    public mutating func enterArray() throws(JSONParseError) -> Bool {
        guard parser.index < parser.bytes.count, parser.bytes[parser.index] == UInt8(ascii: "[") else { return false }
        try parser.checkDepth(depth)
        depth += 1
        parser.index += 1
        first = true
        return true
    }

    /// Moves to the next element of the array entered last and returns true; false after the
    /// closing bracket.
    public mutating func nextElement() throws(JSONParseError) -> Bool {
        try advance(closing: UInt8(ascii: "]"), in: "array")
    }

    /// Past the closing byte (leaving the container) and false, or past the separator before
    /// any entry but the first and true.
    private mutating func advance(closing: UInt8, in container: String) throws(JSONParseError) -> Bool {
        parser.skipWhitespace()
        guard parser.index < parser.bytes.count else { throw JSONParseError("unterminated \(container)") }
        if parser.bytes[parser.index] == closing {
            parser.index += 1
            depth -= 1
            first = false
            return false
        }
        if !first {
            guard parser.bytes[parser.index] == UInt8(ascii: ",") else {
                throw JSONParseError("expected ',' or '\(Character(Unicode.Scalar(closing)))' at byte \(parser.index)")
            }
            parser.index += 1
            parser.skipWhitespace()
        }
        first = false
        return true
    }

    /// The first byte of the next value (`"`, `{`, `[`, a digit, `-`, `t`, `f`, `n`), or nil at the end.
    public var nextByte: UInt8? {
        parser.index < parser.bytes.count ? parser.bytes[parser.index] : nil
    }

    /// Skips the next value, checking its syntax (and nesting depth) without keeping it.
    public mutating func skipValue() throws(JSONParseError) {
        guard let byte = nextByte else { throw JSONParseError("the JSON text ends where a value should be") }
        switch byte {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            try enterObject()
            while try nextMember() { try skipValue() }
        case UInt8(ascii: "["):
            _ = try enterArray()
            while try nextElement() { try skipValue() }
        default:
            _ = try parser.parseValue(depth: depth)
        }
        // A nested object or array leaves `first` for its parent: the parent has read a value.
        first = false
    }

    /// Whether only whitespace is left.
    public mutating func atEnd() -> Bool {
        parser.skipWhitespace()
        return parser.index == parser.bytes.count
    }

    /// Moves past a string (escapes and control characters checked, nothing decoded).
    private mutating func skipString() throws(JSONParseError) {
        let start = parser.index
        var index = start + 1
        let bytes = parser.bytes
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                parser.index = index + 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                // Escapes are rare in keys and skipped values: let the parser check them.
                parser.index = start
                _ = try parser.parseString()
                return
            }
            if byte < 0x20 { throw JSONParseError("unescaped control character in a string at byte \(index)") }
            index += 1
        }
        throw JSONParseError("unterminated string starting at byte \(start)")
    }

    private static func bytes(_ slice: ArraySlice<UInt8>, equal text: StaticString) -> Bool {
        guard slice.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { literal in slice.elementsEqual(literal) }
    }
}
