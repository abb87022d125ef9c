import ReviewRoomCore

/// Reads typed fields of one command object, with errors that name the command and the field:
/// "clock.extend needs 'seconds' as a number, got a string".
struct FieldReader {
    let object: JSONValue
    let command: String
    let id: Int64?
    /// The message's bytes, to refuse a string field holding a lone surrogate escape (a
    /// command's); nil reads such a field as the parser does, with U+FFFD (the `hello`).
    var source: [UInt8]? = nil

    /// The largest integer a JSON number carries exactly (2^53).
    static let maxExactInteger = 9_007_199_254_740_992.0

    private func wrongType(_ key: String, _ expected: String, _ value: JSONValue) -> ProtocolError {
        .badRequest("\(command) needs '\(key)' as \(expected), got \(value.kindDescription)", id: id)
    }

    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key], value.kind != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(ProtocolError) -> String {
        guard let value = present(key) else { throw .badRequest("\(command) needs '\(key)' (a string)", id: id) }
        guard case .string(let text) = value.kind else { throw wrongType(key, "a string", value) }
        try requireUnicode(value, "'\(key)'")
        return text
    }

    /// Refuses a string whose source holds a lone surrogate escape (`"\uD800"`): the parser
    /// reads it as U+FFFD, so it would be stored or compared as text the client never sent.
    private func requireUnicode(_ value: JSONValue, _ field: String) throws(ProtocolError) {
        guard let source, let lone = JSONText.loneSurrogateEscape(in: source[value.range]) else { return }
        throw .badRequest("\(command) \(field) holds a lone surrogate (\(lone)): it must be valid Unicode text", id: id)
    }

    func optionalString(_ key: String) throws(ProtocolError) -> String? {
        guard present(key) != nil else { return nil }
        return try string(key)
    }

    func number(_ key: String) throws(ProtocolError) -> Double {
        guard let value = present(key) else { throw .badRequest("\(command) needs '\(key)' (a number)", id: id) }
        guard case .number(let number) = value.kind else { throw wrongType(key, "a number", value) }
        guard let number else { throw .badRequest("\(command) '\(key)' is too large a number", id: id) }
        return number
    }

    func optionalNumber(_ key: String) throws(ProtocolError) -> Double? {
        guard present(key) != nil else { return nil }
        return try number(key)
    }

    func integer(_ key: String) throws(ProtocolError) -> Int {
        guard let value = present(key) else { throw .badRequest("\(command) needs '\(key)' (an integer)", id: id) }
        guard case .number(let number) = value.kind else { throw wrongType(key, "an integer", value) }
        guard let number, abs(number) <= Self.maxExactInteger else {
            throw .badRequest("\(command) '\(key)' is too large a number", id: id)
        }
        guard number == number.rounded() else {
            throw .badRequest("\(command) needs '\(key)' as an integer, got \(JSONText.number(number))", id: id)
        }
        return Int(number)
    }

    func optionalInteger(_ key: String) throws(ProtocolError) -> Int? {
        guard present(key) != nil else { return nil }
        return try integer(key)
    }

    func bool(_ key: String) throws(ProtocolError) -> Bool {
        guard let value = present(key) else { throw .badRequest("\(command) needs '\(key)' (true or false)", id: id) }
        guard case .bool(let flag) = value.kind else { throw wrongType(key, "a boolean", value) }
        return flag
    }

    func optionalStringArray(_ key: String) throws(ProtocolError) -> [String]? {
        guard let value = present(key) else { return nil }
        guard case .array(let elements) = value.kind else { throw wrongType(key, "an array of strings", value) }
        var out: [String] = []
        for (n, element) in elements.enumerated() {
            guard case .string(let text) = element.kind else {
                throw .badRequest("\(command) '\(key)' element \(n) must be a string, got \(element.kindDescription)", id: id)
            }
            try requireUnicode(element, "'\(key)' element \(n)")
            out.append(text)
        }
        return out
    }

    /// An op id: a string of 1–200 bytes, kept as itself, or an integer, kept in
    /// ``OpIDText``'s integer form so that `7` and `"7"` stay apart.
    func opId(_ key: String) throws(ProtocolError) -> String {
        guard let value = present(key) else { throw .badRequest("\(command) needs '\(key)' (a string or an integer)", id: id) }
        if case .string = value.kind { try requireUnicode(value, "'\(key)'") }
        switch value.kind {
        case .string(let text) where OpIDText.isReserved(text):
            throw .badRequest("\(command) '\(key)' must not start with U+FFFF (a noncharacter)", id: id)
        case .string(let text) where !text.isEmpty && text.utf8.count <= 200:
            return text
        case .string:
            throw .badRequest("\(command) '\(key)' must be 1 to 200 bytes long", id: id)
        case .number:
            return OpIDText.integer(try integer(key))
        default:
            throw wrongType(key, "a string or an integer", value)
        }
    }
}
