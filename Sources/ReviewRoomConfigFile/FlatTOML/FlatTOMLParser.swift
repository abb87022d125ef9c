import ReviewRoomServer

/// Reads `reviewroom.conf`: TOML 1.0 syntax, of which the file may use flat `key = value` lines
/// whose values are strings, numbers, booleans and lists (dates are read, and refused by the
/// loader as no key takes one). A `[table]` header, a dotted key and an inline `{ table }` are
/// valid TOML but not flat: each is a problem naming its line.
///
/// The daemon's own parser, not toml++ (through TOMLKit), because toml++ checks its own
/// expectations with `assert`: `make fuzz` kept finding malformed lines on which `serve` and
/// `check-config` died with SIGABRT and no message, where a school's IT person needs the line
/// named. It never traps on any input; after a bad statement it goes on at the next line that
/// starts one, so a single run names every problem. The tests compare its reading of valid files
/// with TOMLKit's.
struct FlatTOMLParser {
    /// A fault at a position, unwinding the statement being read.
    struct Failure: Error {
        /// Index into ``scalars`` where the fault is.
        var position: Int
        /// What is wrong.
        var message: String
        /// Whether to add the reminder of the form a line takes.
        var remind = false
    }

    let scalars: [Unicode.Scalar]
    /// The index of the first scalar of every line.
    let lineStarts: [Int]
    var position = 0
    /// How many lists and inline tables the value being read is inside.
    var depth = 0
    /// The deepest nesting read (toml++ allows 256; a configuration needs 1).
    static let maxDepth = 64

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// Parses `text` into its entries and problems.
    static func parse(_ text: String) -> FlatTOMLDocument {
        var parser = FlatTOMLParser(text)
        let damaged = parser.controlCharacterProblems()
        // A damaged file (a NUL, stray bytes) would give a cascade of confusing faults: say only that.
        guard damaged.isEmpty else { return FlatTOMLDocument(entries: [], problems: damaged) }
        return parser.document()
    }

    // MARK: - The document

    private mutating func document() -> FlatTOMLDocument {
        var document = FlatTOMLDocument()
        var firstLineOfKey: [String: Int] = [:]
        if peek == "\u{FEFF}" { position += 1 }
        while true {
            skipBlanks()
            guard let next = peek else { break }
            if next == "\n" || next == "#" || next == "\r" {
                do { try endOfLine() } catch { record(error, key: nil, in: &document); recover() }
                continue
            }
            let line = lineNumber(of: position)
            let column = position - lineStarts[line - 1] + 1
            var key: String?
            do throws(Failure) {
                if next == "[" {
                    let name = try header()
                    // The lines after it are still read as flat keys (TOML would put them in the
                    // table, where they set nothing), so one run names their faults too.
                    document.problems.append(problem(at: line, column: column, key: nil,
                        "a [table] header (`\(name)`); the file holds flat key = value lines only, and TOML would read every line after it into that table"))
                    try endOfLine(after: "the header")
                    continue
                }
                let path = try keyPath()
                key = path.joined(separator: ".")
                skipBlanks()
                guard peek == "=" else {
                    throw Failure(position: position, message: peek == nil || peek == "\n" || peek == "\r" || peek == "#"
                        ? "`\(key ?? "")` has no = and no value" : "expected = after the key `\(key ?? "")`", remind: true)
                }
                position += 1
                skipBlanks()
                let value = try self.value()
                try endOfLine()
                if path.count > 1 {
                    document.problems.append(problem(at: line, column: column, key: key,
                        "a dotted key makes a table; the file holds flat key = value lines only"))
                } else if let first = firstLineOfKey[path[0]] {
                    document.problems.append(problem(at: line, column: column, key: path[0],
                        "\(path[0]) is set again (first on line \(first)); set each key once"))
                } else if Self.holdsInlineTable(value) {
                    document.problems.append(problem(at: line, column: column, key: path[0],
                        "the value holds an inline { table }; the file holds flat key = value lines only"))
                } else {
                    firstLineOfKey[path[0]] = line
                    document.entries.append(FlatTOMLDocument.Entry(key: path[0], value: value))
                }
            } catch {
                record(error, key: key, in: &document)
                recover()
            }
        }
        return document
    }

    /// What an inline table reads as: refused by the document, never an entry.
    static let inlineTable = "an inline table"

    private static func holdsInlineTable(_ value: ConfigValue) -> Bool {
        switch value {
        case .unsupported(let kind): kind == inlineTable
        case .list(let items): items.contains(where: holdsInlineTable)
        default: false
        }
    }

    private func record(_ failure: Failure, key: String?, in document: inout FlatTOMLDocument) {
        let line = lineNumber(of: failure.position)
        let column = failure.position - lineStarts[line - 1] + 1
        let reminder = failure.remind ? "; each line is key = value, strings in double quotes (listen = \"127.0.0.1:8080\")" : ""
        document.problems.append(problem(at: line, column: column, key: key, failure.message + reminder))
    }

    private func problem(at line: Int, column: Int, key: String?, _ message: String) -> FlatTOMLDocument.Problem {
        FlatTOMLDocument.Problem(line: line, column: column, key: key, message: message)
    }

    /// After a fault: on to the next line that starts a statement (a bare key and `=`, or a
    /// `[` header), so the lines a broken list or string ran over give no faults of their own.
    private mutating func recover() {
        var line = lineNumber(of: position) + 1
        while line <= lineStarts.count {
            position = lineStarts[line - 1]
            if startsStatement(line: line) { return }
            line += 1
        }
        position = scalars.count
    }

    private func startsStatement(line: Int) -> Bool {
        var index = lineStarts[line - 1]
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        guard index < scalars.count else { return false }
        if scalars[index] == "[" { return true }
        let keyStart = index
        while index < scalars.count, Self.isBareKeyScalar(scalars[index]) { index += 1 }
        guard index > keyStart else { return false }
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index < scalars.count && scalars[index] == "="
    }

    // MARK: - Scanning

    var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    /// Whether the next scalars are `text`.
    func looking(at text: String) -> Bool {
        var index = position
        for scalar in text.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    mutating func skipBlanks() {
        while let scalar = peek, scalar == " " || scalar == "\t" { position += 1 }
    }

    /// Blanks, an optional comment, then a line end (LF or CRLF) or the end of the file.
    mutating func endOfLine(after what: String = "the value") throws(Failure) {
        skipBlanks()
        if peek == "#" { skipComment() }
        switch peek {
        case nil: return
        case "\n": position += 1
        case "\r" where peek(1) == "\n": position += 2
        default:
            throw Failure(position: position, message: "unexpected `\(Self.shown(peek))` after \(what); "
                + "one key = value per line (a comment starts with #)", remind: true)
        }
    }

    /// Blanks, comments and line ends, as lists allow between their items.
    mutating func skipBlanksAndLines() {
        while true {
            skipBlanks()
            switch peek {
            case "#": skipComment()
            case "\n": position += 1
            case "\r" where peek(1) == "\n": position += 2
            default: return
            }
        }
    }

    mutating func skipComment() {
        while let scalar = peek, scalar != "\n", !(scalar == "\r" && peek(1) == "\n") { position += 1 }
    }

    func lineNumber(of index: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// A scalar for a message: itself, or `end of line`.
    static func shown(_ scalar: Unicode.Scalar?) -> String {
        guard let scalar, scalar != "\n", scalar != "\r" else { return "end of line" }
        return String(scalar)
    }

    /// Whether a key (bare or quoted) can start with `scalar`.
    static func startsKey(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return isBareKeyScalar(scalar) || scalar == "\"" || scalar == "'"
    }

    /// Whether `scalar` may be part of a bare key (`A-Za-z0-9_-`).
    static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }
}

extension FlatTOMLParser {
    /// Each line's first control character (U+0000–U+001F and U+007F but tab, and a CR not
    /// before an LF), which TOML allows nowhere, not even in strings or comments.
    func controlCharacterProblems() -> [FlatTOMLDocument.Problem] {
        var problems: [FlatTOMLDocument.Problem] = []
        var reportedLine = 0
        for (index, scalar) in scalars.enumerated() {
            let control = (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0x7F
            guard control, !(scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n") else { continue }
            let line = lineNumber(of: index)
            guard line != reportedLine else { continue }
            reportedLine = line
            let hex = String(scalar.value, radix: 16, uppercase: true)
            problems.append(FlatTOMLDocument.Problem(
                line: line, column: index - lineStarts[line - 1] + 1, key: nil,
                message: "a control character (U+\(String(repeating: "0", count: 4 - hex.count) + hex)), which TOML does not allow "
                    + "(is this a binary or damaged file?)", damaged: true))
        }
        return problems
    }
}
