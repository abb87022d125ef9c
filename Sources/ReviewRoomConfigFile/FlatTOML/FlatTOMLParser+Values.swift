import ReviewRoomServer

extension FlatTOMLParser {
    /// A value: a string (four kinds), a boolean, a number, a date or time, a list, or an inline
    /// table (read to its end, returned as `.unsupported(inlineTable)`).
    mutating func value() throws(Failure) -> ConfigValue {
        switch peek {
        case "\"": return .string(looking(at: "\"\"\"") ? try multiLineString("\"") : try basicString())
        case "'": return .string(looking(at: "'''") ? try multiLineString("'") : try literalString())
        case "[": return try list()
        case "{": return try inlineTable()
        case nil, "\n", "\r", "#":
            throw Failure(position: position, message: "the value is missing after =", remind: true)
        case let scalar? where Self.isTokenScalar(scalar):
            return try bareValue()
        case let scalar?:
            throw Failure(position: position, message: "`\(scalar)` cannot start a value", remind: true)
        }
    }

    /// `[a, b, …]`: blanks, line ends and comments allowed between items, a comma after the last.
    private mutating func list() throws(Failure) -> ConfigValue {
        let open = position
        try descend()
        defer { depth -= 1 }
        position += 1
        var items: [ConfigValue] = []
        while true {
            skipBlanksAndLines()
            if peek == "]" { position += 1; return .list(items) }
            guard peek != nil else { throw Failure(position: open, message: "the list is never closed with ]") }
            items.append(try value())
            skipBlanksAndLines()
            switch peek {
            case ",": position += 1
            case "]": position += 1; return .list(items)
            case nil: throw Failure(position: open, message: "the list is never closed with ]")
            case let scalar?: throw Failure(position: position, message: "expected , or ] after a list item, not `\(Self.shown(scalar))`")
            }
        }
    }

    /// `{ key = value, … }` on one line, no comma after the last.
    private mutating func inlineTable() throws(Failure) -> ConfigValue {
        try descend()
        defer { depth -= 1 }
        position += 1
        skipBlanks()
        if peek == "}" { position += 1; return .unsupported(Self.inlineTable) }
        while true {
            skipBlanks()
            guard Self.startsKey(peek) else {
                throw Failure(position: position, message: "expected a key in the inline table, not `\(Self.shown(peek))`")
            }
            _ = try keyPath()
            skipBlanks()
            guard peek == "=" else { throw Failure(position: position, message: "expected = after a key in the inline table") }
            position += 1
            skipBlanks()
            _ = try value()
            skipBlanks()
            switch peek {
            case ",": position += 1
            case "}": position += 1; return .unsupported(Self.inlineTable)
            default: throw Failure(position: position, message: "expected , or } in the inline table, not `\(Self.shown(peek))`")
            }
        }
    }

    /// One level deeper into lists and inline tables. Each level is a call, so a file of a
    /// million `[` must stop here rather than overflow the stack.
    private mutating func descend() throws(Failure) {
        guard depth < Self.maxDepth else {
            throw Failure(position: position, message: "lists and tables nested more than \(Self.maxDepth) deep")
        }
        depth += 1
    }

    /// An unquoted value: `true`, `false`, a number, or a date or time (a date and a time may be
    /// apart by one space, as in `1979-05-27 07:32:00`).
    private mutating func bareValue() throws(Failure) -> ConfigValue {
        let start = position
        var token = self.token()
        if token.count == 10, FlatTOMLTemporal.isDate(token), peek == " ", let next = peek(1), ("0"..."9").contains(next) {
            position += 1
            token += "T" + self.token()
        }
        switch token {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: break
        }
        if FlatTOMLTemporal.startsTemporal(token) {
            guard FlatTOMLTemporal.isValid(token) else {
                throw Failure(position: start, message: "`\(written(from: start))` is not a valid date or time; no key takes one "
                    + "(strings go in double quotes)")
            }
            return .unsupported("a date or time")
        }
        do {
            return try FlatTOMLNumber.parse(token)
        } catch .notANumber {
            throw Failure(position: start, message: "`\(written(from: start))` is not a value: text goes in double quotes, "
                + "true and false are lower case", remind: true)
        } catch let error {
            throw Failure(position: start, message: "`\(written(from: start))`: \(error.message)")
        }
    }

    private mutating func token() -> String {
        let start = position
        while let scalar = peek, Self.isTokenScalar(scalar) { position += 1 }
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    private func written(from start: Int) -> String {
        String(String.UnicodeScalarView(scalars[start..<position].prefix(60)))
    }

    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        isBareKeyScalar(scalar) || scalar == "+" || scalar == "." || scalar == ":"
    }
}
