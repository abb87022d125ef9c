extension FlatTOMLParser {
    /// `[name]` or `[[name]]`; returns the name as written.
    mutating func header() throws(Failure) -> String {
        let start = position
        position += 1
        let arrayOfTables = peek == "["
        if arrayOfTables { position += 1 }
        skipBlanks()
        guard Self.startsKey(peek) else {
            throw Failure(position: position, message: "a [table] header must start with a key; the file holds flat key = value lines only")
        }
        _ = try keyPath()
        skipBlanks()
        let close = arrayOfTables ? "]]" : "]"
        guard looking(at: close) else {
            throw Failure(position: position, message: "the [table] header is not closed with \(close)")
        }
        position += close.unicodeScalars.count
        return String(String.UnicodeScalarView(scalars[start..<position]))
    }

    /// A key: one or more simple keys joined by dots (blanks allowed around them).
    mutating func keyPath() throws(Failure) -> [String] {
        var path = [try simpleKey()]
        while true {
            let before = position
            skipBlanks()
            guard peek == "." else { position = before; return path }
            position += 1
            skipBlanks()
            path.append(try simpleKey())
        }
    }

    /// A bare key (`A-Za-z0-9_-`), or a one-line quoted key.
    private mutating func simpleKey() throws(Failure) -> String {
        switch peek {
        case "\"":
            guard !looking(at: "\"\"\"") else { throw Failure(position: position, message: "a key cannot be a multi-line string") }
            return try basicString()
        case "'":
            guard !looking(at: "'''") else { throw Failure(position: position, message: "a key cannot be a multi-line string") }
            return try literalString()
        default:
            let start = position
            while let scalar = peek, Self.isBareKeyScalar(scalar) { position += 1 }
            guard position > start else {
                let what = peek == "=" ? "the key is missing before =" : "`\(Self.shown(peek))` cannot start a key (keys are letters, digits, _ and -)"
                throw Failure(position: position, message: what, remind: true)
            }
            return String(String.UnicodeScalarView(scalars[start..<position]))
        }
    }
}
