/// A strict parser for the JSON text of one op: an array of integers and strings.
///
/// It exists (rather than going through `JSONDecoder`) so that the errors are precise:
/// a lone surrogate escape such as `"\uD800"` is reported as such instead of being
/// replaced or rejected as generic bad JSON, and every message names the component.
struct OpJSONParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    /// Parses the whole input into raw components (validated by the caller).
    mutating func parse() throws(NoteError) -> [OpComponent] {
        skipSpace()
        try expect(UInt8(ascii: "["), "an op must be a JSON array")
        var result: [OpComponent] = []
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipSpace()
                result.append(try component(result.count))
                skipSpace()
                if peek() == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"), "component \(result.count - 1) is not followed by ',' or ']'")
                break
            }
        }
        skipSpace()
        guard index == bytes.count else {
            throw NoteError(.invalidOp, "unexpected text after the op's closing ']' at byte \(index)")
        }
        return result
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let b = peek(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(NoteError) {
        guard peek() == byte else { throw NoteError(.invalidOp, message) }
        index += 1
    }

    private mutating func component(_ n: Int) throws(NoteError) -> OpComponent {
        switch peek() {
        case UInt8(ascii: "\"")?:
            let text = try string(n)
            guard !text.isEmpty else {
                throw NoteError(.invalidOp, "component \(n) is an empty insert (\"\"), which PROTOCOL forbids")
            }
            return .insert(text)
        case let b? where b == UInt8(ascii: "-") || (b >= 0x30 && b <= 0x39):
            let value = try integer(n)
            if value > 0 { return .retain(value) }
            if value < 0 { return .delete(-value) }
            throw NoteError(.invalidOp, "component \(n) is 0; retains and deletes must be non-zero")
        default:
            throw NoteError(.invalidOp, "component \(n) is neither an integer nor a string")
        }
    }

    private mutating func integer(_ n: Int) throws(NoteError) -> Int {
        let start = index
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; index += 1 }
        var value = 0
        var digits = 0
        while let b = peek(), b >= 0x30 && b <= 0x39 {
            digits += 1
            guard digits <= 15 else {
                throw NoteError(.invalidOp, "component \(n) is a number too large for a note")
            }
            value = value * 10 + Int(b - 0x30)
            index += 1
        }
        if let b = peek(), b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            throw NoteError(.invalidOp, "component \(n) is not an integer")
        }
        guard digits > 0, !(digits > 1 && bytes[negative ? start + 1 : start] == 0x30) else {
            throw NoteError(.invalidOp, "component \(n) is not a valid JSON integer")
        }
        return negative ? -value : value
    }

    private mutating func string(_ n: Int) throws(NoteError) -> String {
        index += 1 // opening quote
        var units: [UInt16] = []
        var scalarBytes: [UInt8] = []
        func flush() {
            if !scalarBytes.isEmpty {
                units.append(contentsOf: String(decoding: scalarBytes, as: UTF8.self).utf16)
                scalarBytes.removeAll(keepingCapacity: true)
            }
        }
        while true {
            guard let b = peek() else {
                throw NoteError(.invalidOp, "component \(n) is an unterminated string")
            }
            index += 1
            if b == UInt8(ascii: "\"") { break }
            if b < 0x20 {
                throw NoteError(.invalidOp, "component \(n) contains an unescaped control character")
            }
            if b != UInt8(ascii: "\\") { scalarBytes.append(b); continue }
            flush()
            guard let e = peek() else { throw NoteError(.invalidOp, "component \(n) is an unterminated string") }
            index += 1
            switch e {
            case UInt8(ascii: "\""): units.append(0x22)
            case UInt8(ascii: "\\"): units.append(0x5C)
            case UInt8(ascii: "/"): units.append(0x2F)
            case UInt8(ascii: "b"): units.append(0x08)
            case UInt8(ascii: "f"): units.append(0x0C)
            case UInt8(ascii: "n"): units.append(0x0A)
            case UInt8(ascii: "r"): units.append(0x0D)
            case UInt8(ascii: "t"): units.append(0x09)
            case UInt8(ascii: "u"): units.append(try hex4(n))
            default: throw NoteError(.invalidOp, "component \(n) contains an invalid escape")
            }
        }
        flush()
        if let offset = Self.loneSurrogateOffset(units) {
            throw NoteError(.invalidOp,
                "component \(n) inserts a lone surrogate (\\u\(Self.hex(units[offset]))) at code unit \(offset) of its text, half of a character")
        }
        // Raw bytes came from a Swift String (valid UTF-8) and surrogates are paired, so this is lossless.
        return String(decoding: units, as: UTF16.self)
    }

    private mutating func hex4(_ n: Int) throws(NoteError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw NoteError(.invalidOp, "component \(n) has a short \\u escape") }
        var value: UInt16 = 0
        for _ in 0 ..< 4 {
            let b = bytes[index]
            let digit: UInt8
            switch b {
            case 0x30 ... 0x39: digit = b - 0x30
            case 0x41 ... 0x46: digit = b - 0x41 + 10
            case 0x61 ... 0x66: digit = b - 0x61 + 10
            default: throw NoteError(.invalidOp, "component \(n) has a malformed \\u escape")
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// The offset of the first unpaired surrogate in `units`, if any.
    static func loneSurrogateOffset(_ units: [UInt16]) -> Int? {
        var i = 0
        while i < units.count {
            let u = units[i]
            if UTF16.isLeadSurrogate(u) {
                guard i + 1 < units.count, UTF16.isTrailSurrogate(units[i + 1]) else { return i }
                i += 2
            } else if UTF16.isTrailSurrogate(u) {
                return i
            } else {
                i += 1
            }
        }
        return nil
    }

    static func hex(_ unit: UInt16) -> String {
        let s = String(unit, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - s.count) + s
    }
}
