import ReviewRoomServer

extension TOMLConfigurationReader {
    /// What must be refused before TOMLKit sees the text, one problem per line. Found by
    /// `make fuzz` (target `config-file`): toml++ checks some of its own expectations with
    /// `assert`, which aborts the process, so `serve` and `check-config` died with SIGABRT
    /// (exit 134, no message) on a bad line instead of naming it. Refused here:
    /// - a control character (U+0000–U+001F and U+007F but tab and line ends), which TOML allows
    ///   nowhere; TOMLKit also hands the text over as a C string, which ends at the first NUL,
    ///   so the rest of the file was silently ignored;
    /// - a `[` header whose key starts with a character no key starts with (`[!x]`, a `[` alone
    ///   on a line): toml++'s `parse_key` assertion;
    /// - a date followed by `T` and no time (`1979-05-27Tx`), or by a space and a digit
    ///   (`1979-05-27 0`): toml++'s `parse_time` and `parse_value` assertions. No key takes a
    ///   date, so this only changes which message such a file gets;
    /// - a `}` right after a `[` or `,` (`x = [1, }`): toml++'s `parse_value` assertion.
    ///
    /// `text` starts at line `firstLine` of the file: the statement-by-statement recovery checks
    /// each statement again on its own, since a string the whole file opens (and so blanks) may
    /// be no string in a statement read alone.
    static func preflightProblems(_ text: String, path: String, firstLine: Int = 1) -> [ConfigurationProblem] {
        let lines = fileLines(text)
        let unquoted = unquotedLines(text)
        var problems: [ConfigurationProblem] = []
        var previousSignificant: Unicode.Scalar = "\n"
        for (index, line) in lines.enumerated() {
            let code = index < unquoted.count ? unquoted[index] : ""
            let brace = misplacedBraceMessage(code, after: &previousSignificant)
            // A line with a control character is not quoted: the message would carry it.
            let quoted = " (`\(line.trimmingPrefix { $0 == " " || $0 == "\t" }.prefix(120))`)"
            guard let message = controlCharacterMessage(line)
                ?? malformedHeaderMessage(code).map({ quoted + $0 }) ?? malformedDateTimeMessage(code).map({ quoted + $0 })
                ?? brace.map({ quoted + $0 })
            else { continue }
            problems.append(ConfigurationProblem(code: .syntax, key: key(ofLine: String(line)), source: .file(path),
                                                 message: "line \(firstLine + index)\(message)"))
        }
        return problems
    }

    /// `, column N: a control character (U+XXXX)…` for a line holding one, else nil.
    private static func controlCharacterMessage(_ line: Substring) -> String? {
        let scalars = line.unicodeScalars
        guard let index = scalars.firstIndex(where: { ($0.value < 0x20 && $0 != "\t" && $0 != "\r") || $0.value == 0x7F }) else {
            return nil
        }
        let hex = String(scalars[index].value, radix: 16, uppercase: true)
        return ", column \(scalars.distance(from: scalars.startIndex, to: index) + 1): a control character "
            + "(U+\(String(repeating: "0", count: 4 - hex.count) + hex)), which TOML does not allow (is this a binary or damaged file?)"
    }

    /// `: a [table] header…` for a line (strings and comments blanked) that opens a header (`[`
    /// or `[[`, then blanks) with anything but a bare key character, a quote or `]`, else nil.
    private static func malformedHeaderMessage(_ code: String) -> String? {
        // toml++ skips a byte order mark at the start of the file.
        var rest = code.unicodeScalars.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
        guard rest.first == "[" else { return nil }
        rest = rest.dropFirst()
        if rest.first == "[" { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        if let first = rest.first,
           first == "]" || first == "\"" || first == "'" || first == "_" || first == "-"
            || ("a"..."z").contains(first) || ("A"..."Z").contains(first) || ("0"..."9").contains(first) {
            return nil
        }
        return ": a [table] header must start with a key; the file holds flat key = value lines only"
    }

    /// `, column N: a date-time…` for a line (strings and comments blanked) holding
    /// `YYYY-MM-DDT` not followed by a digit, or `????-??-?? ` followed by a digit (toml++ reads
    /// further for a time after a space, and asserted when one digit ends the value), else nil.
    private static func malformedDateTimeMessage(_ code: String) -> String? {
        let scalars = Array(code.unicodeScalars)
        func digit(_ i: Int) -> Bool { i < scalars.count && ("0"..."9").contains(scalars[i]) }
        guard scalars.count >= 11 else { return nil }
        for start in 0 ... scalars.count - 11 where digit(start) && scalars[start + 4] == "-" && scalars[start + 7] == "-" {
            let date = (1..<4).allSatisfy { digit(start + $0) } && digit(start + 5) && digit(start + 6)
                && digit(start + 8) && digit(start + 9)
            let timeMissing = date && (scalars[start + 10] == "T" || scalars[start + 10] == "t") && !digit(start + 11)
            let spaceThenDigit = scalars[start + 10] == " " && digit(start + 11)
            if timeMissing || spaceThenDigit {
                return ", column \(start + 1): a date-time\(timeMissing ? " without its time" : ""); no key takes a date "
                    + "(strings go in double quotes: listen = \"127.0.0.1:8080\")"
            }
        }
        return nil
    }

    /// `, column N: a } where a value should be…` for a `}` whose previous non-blank character
    /// (carried over lines in `previous`) is `[` or `,`, else nil.
    private static func misplacedBraceMessage(_ code: String, after previous: inout Unicode.Scalar) -> String? {
        var message: String?
        for (column, scalar) in code.unicodeScalars.enumerated() where scalar != " " && scalar != "\t" && scalar != "\r" {
            if scalar == "}" && (previous == "[" || previous == ",") && message == nil {
                message = ", column \(column + 1): a } where a value should be"
            }
            previous = scalar
        }
        return message
    }

    /// The lines of `text` with the contents of every string replaced by `x` (quotes kept) and
    /// every comment by blanks, so the checks above look only at TOML's own syntax. Line ends
    /// are kept, also inside multi-line strings, so the lines match ``fileLines(_:)``.
    static func unquotedLines(_ text: String) -> [String] {
        enum State { case plain, basic, literal, multiBasic, multiLiteral, comment }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var state = State.plain
        var i = 0
        func at(_ offset: Int, _ scalar: Unicode.Scalar) -> Bool { i + offset < scalars.count && scalars[i + offset] == scalar }
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" {
                out.append(c)
                if state != .multiBasic && state != .multiLiteral { state = .plain }
                i += 1
                continue
            }
            switch state {
            case .plain:
                if c == "#" { state = .comment; out.append(" ") }
                else if c == "\"" || c == "'" {
                    let multi = at(1, c) && at(2, c)
                    state = c == "\"" ? (multi ? .multiBasic : .basic) : (multi ? .multiLiteral : .literal)
                    out.append(contentsOf: String(repeating: String(c), count: multi ? 3 : 1).unicodeScalars)
                    i += multi ? 2 : 0
                } else { out.append(c) }
            case .basic, .multiBasic:
                let multi = state == .multiBasic
                if c == "\\" && i + 1 < scalars.count && scalars[i + 1] != "\n" {
                    out.append(contentsOf: "xx".unicodeScalars); i += 1
                } else if c == "\"" && (!multi || (at(1, "\"") && at(2, "\""))) {
                    out.append(contentsOf: (multi ? "\"\"\"" : "\"").unicodeScalars); i += multi ? 2 : 0; state = .plain
                } else { out.append("x") }
            case .literal, .multiLiteral:
                let multi = state == .multiLiteral
                if c == "'" && (!multi || (at(1, "'") && at(2, "'"))) {
                    out.append(contentsOf: (multi ? "'''" : "'").unicodeScalars); i += multi ? 2 : 0; state = .plain
                } else { out.append("x") }
            case .comment:
                out.append(" ")
            }
            i += 1
        }
        // Split on scalars: "\r\n" is one Character, which a split on "\n" would not cut.
        return out.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }
}
