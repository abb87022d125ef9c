import ReviewRoomConfigFile
import ReviewRoomServer
import Testing

/// The daemon's own reading of `reviewroom.conf` (TOML 1.0 syntax, flat `key = value` lines):
/// what every kind of value reads as, and the line, column and words of every kind of fault.
/// (The committed fuzz corpus also has each valid file compared with toml++'s reading.)
@Suite("reviewroom.conf syntax")
struct ConfigFileSyntaxTests {
    private func read(_ text: String) -> ConfigurationFile { TOMLConfigurationReader.parse(text, path: "r.conf") }

    private func value(_ text: String) throws -> ConfigValue {
        let file = read("k = \(text)\n")
        #expect(file.problems.isEmpty, "\(text): \(file.problems)")
        return try #require(file.entries.first { $0.key == "k" }?.value)
    }

    /// The one problem of `text`, as printed.
    private func problem(_ text: String) throws -> String {
        let file = read(text)
        #expect(file.problems.count == 1, "\(text.debugDescription): \(file.problems)")
        return try #require(file.problems.first).description
    }

    @Test(arguments: [
        (#""a \"b\" \\ \t \u00E9 \U0001F600""#, "a \"b\" \\ \t é 😀"),
        ("'C:\\path\\no escapes'", "C:\\path\\no escapes"),
        ("\"\"\"\nfirst\nsecond\"\"\"", "first\nsecond"),
        ("\"\"\"one \\\n    two \\\n\n  three\"\"\"", "one two three"),
        ("\"\"\"say \"\"hi\"\"\"\"\"", "say \"\"hi\"\""),
        ("'''\nraw \\n '' text'''''", "raw \\n '' text''"),
        ("\"\"", ""),
        ("\"\"\"a\r\nb\"\"\"", "a\nb"),
        ("\"\"\"a \\\n\u{A0}\u{FEFF} b\"\"\"", "a b"),
        ("'''a\r\nb'''", "a\nb"),
    ])
    func stringsReadAsTOMLWritesThem(written: String, expected: String) throws {
        #expect(try value(written) == .string(expected))
    }

    @Test(arguments: [
        ("0", 0), ("+17", 17), ("-17", -17), ("1_000_000", 1_000_000), ("0xDEAD_beef", 0xDEAD_BEEF), ("0o755", 0o755),
        ("0b1101", 13), ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min), ("0x7FFFFFFFFFFFFFFF", Int.max), ("0x\(String(repeating: "0", count: 127))1", 1),
    ])
    func wholeNumbersReadInEveryBase(written: String, expected: Int) throws {
        #expect(try value(written) == .integer(expected))
    }

    @Test(arguments: [("3.25", 3.25), ("-0.5", -0.5), ("5e+2", 500), ("1E-2", 0.01), ("6.626e-34", 6.626e-34),
                      ("9_224.5", 9224.5), ("0e0", 0), ("inf", .infinity), ("-inf", -.infinity), ("+inf", .infinity)])
    func floatingPointNumbersRead(written: String, expected: Double) throws {
        #expect(try value(written) == .float(expected))
    }

    @Test func nanBooleansDatesAndLists() throws {
        guard case .float(let nan) = try value("-nan") else { Issue.record("nan is not a float"); return }
        #expect(nan.isNaN)
        #expect(try value("true") == .boolean(true))
        #expect(try value("false # comment") == .boolean(false))
        for date in ["1979-05-27", "07:32:00", "07:32:00.999", "07:32:00.\(String(repeating: "9", count: 64))", "1979-05-27T07:32:00Z", "1979-05-27t07:32:00.5-07:00",
                     "1979-05-27 07:32:00", "2024-02-29T00:00:00+14:00", "1990-12-31T23:59:59z"] {
            #expect(try value(date) == .unsupported("a date or time"), "\(date)")
        }
        #expect(try value("[]") == .list([]))
        #expect(try value("[ \"a\" , 'b', ]") == .list([.string("a"), .string("b")]))
        #expect(try value("[\n  1, # one\n  [2.5, \"x\"],\n\n]") == .list([.integer(1), .list([.float(2.5), .string("x")])]))
    }

    @Test func aWholeFileWithCommentsQuotedKeysCRLFAndAByteOrderMark() {
        let file = read("\u{FEFF}# ReviewRoom\r\n\r\n  listen = \"127.0.0.1:9\"   # here\r\n\"log_level\" = 'debug'\r\nallowed_origins = [\r\n  \"https://a.example\",\r\n]\r\n\tmax_message_bytes=1024")
        #expect(file.problems.isEmpty, "\(file.problems)")
        #expect(file.entries.map(\.key) == ["listen", "log_level", "allowed_origins", "max_message_bytes"])
        #expect(file.entries.map(\.value) == [.string("127.0.0.1:9"), .string("debug"), .list([.string("https://a.example")]), .integer(1024)])
    }

    @Test func anEmptyOrCommentOnlyFileHasNoEntries() {
        for text in ["", "\n\n", "# only a comment", "   \t\n# a\n"] {
            let file = read(text)
            #expect(file.problems.isEmpty && file.entries.isEmpty, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("public_url = \"https://x.example\n", "r.conf: public_url: line 1 (`public_url = \"https://x.example`), column 14: the string is not closed before the end of the line; each line is key = value"),
        ("listen = \n", "r.conf: listen: line 1 (`listen =`), column 10: the value is missing after ="),
        ("listen\n", "r.conf: listen: line 1 (`listen`), column 7: `listen` has no = and no value"),
        ("listen : 1\n", "r.conf: listen: line 1 (`listen : 1`), column 8: expected = after the key `listen`"),
        ("= 1\n", "r.conf: line 1 (`= 1`), column 1: the key is missing before ="),
        ("listen = 127.0.0.1:8080\n", "r.conf: listen: line 1 (`listen = 127.0.0.1:8080`), column 10: `127.0.0.1:8080` is not a value: text goes in double quotes"),
        ("durability = power\n", "column 14: `power` is not a value: text goes in double quotes, true and false are lower case"),
        ("language_hints = True\n", "`True` is not a value"),
        ("k = \"a\" \"b\"\n", "column 9: unexpected `\"` after the value; one key = value per line"),
        ("k = \"C:\\dir\"\n", "column 8: `\\d` is not an escape TOML knows: write \\\\ for a backslash, or put a path in 'single quotes'"),
        ("k = \"\\uD800\"\n", "column 6: \\u names no Unicode character (a surrogate, or past U+10FFFF)"),
        ("k = \"\\u12\"\n", "column 6: \\u takes 4 hexadecimal digits"),
        ("k = \"a\\U00000000\"\n", "column 7: \\U names the NUL character, which no setting may hold"),
        ("k = 012\n", "column 5: `012`: a whole number cannot start with 0"),
        ("k = 1__0\n", "column 5: `1__0`: _ must stand between two digits"),
        ("k = 10_\n", "`10_`: _ must stand between two digits"),
        ("k = 9223372036854775808\n", "`9223372036854775808`: out of range"),
        ("k = 0x8000000000000000\n", "`0x8000000000000000`: out of range"),
        ("k = -0x1\n", "`-0x1`: a hexadecimal, octal or binary number takes no sign"),
        ("k = .5\n", "`.5`: a digit must come before the point"),
        ("k = 1e999\n", "`1e999`: out of the range of a floating-point number"),
        ("k = 0.\(String(repeating: "1", count: 127))\n", "longer than 128 digits: write it with an exponent"),
        ("k = 0x\(String(repeating: "0", count: 128))1\n", "longer than 128 digits"),
        ("k = 1979-02-30\n", "`1979-02-30` is not a valid date or time; no key takes one"),
        ("k = 1979-05-27Tx\n", "`1979-05-27Tx` is not a valid date or time"),
        ("k = 23:59:60\n", "`23:59:60` is not a valid date or time"),
        ("k = 07:32:00.\(String(repeating: "1", count: 65))\n", "is not a valid date or time"),
        ("k = 1979-05-27 0\n", "`1979-05-27 0` is not a valid date or time"),
        ("k = [1, 2\n", "column 5: the list is never closed with ]"),
        ("k = [1 2]\n", "column 8: expected , or ] after a list item, not `2`"),
        ("k = [1, }\n", "column 9: `}` cannot start a value"),
        ("k = @\n", "column 5: `@` cannot start a value"),
        ("k = \"\"\"never\n", "column 5: the \"\"\" string is never closed with \"\"\""),
        ("k = '''never\n", "column 5: the ''' string is never closed with '''"),
        ("k = \"\"\"a\"\"\"\"\"\"\n", "too many \" in a row"),
        ("\"\"\"k\"\"\" = 1\n", "column 1: a key cannot be a multi-line string"),
        ("[server]\nlisten = \"x\"\n", "line 1 (`[server]`), column 1: a [table] header (`[server]`); the file holds flat key = value lines only"),
        ("[[x]]\n", "a [table] header (`[[x]]`)"),
        ("[!x]\n", "line 1 (`[!x]`), column 2: a [table] header must start with a key"),
        ("[\n", "line 1 (`[`), column 2: a [table] header must start with a key"),
        ("[x\n", "column 3: the [table] header is not closed with ]"),
        ("tls.cert = \"a\"\n", "r.conf: tls.cert: line 1 (`tls.cert = \"a\"`), column 1: a dotted key makes a table"),
        ("k = { a = 1 }\n", "r.conf: k: line 1 (`k = { a = 1 }`), column 1: the value holds an inline { table }"),
        ("k = [{}]\n", "the value holds an inline { table }"),
        ("k = { a = 1, }\n", "column 14: expected a key in the inline table, not `}`"),
        ("k = { a 1 }\n", "expected = after a key in the inline table"),
        ("k = { a = 1\n", "expected , or } in the inline table, not `end of line`"),
        ("k = 1\nk = 2\n", "r.conf: k: line 2 (`k = 2`), column 1: k is set again (first on line 1); set each key once"),
        ("k = 1\n\u{0}j = 2\n", "r.conf: line 2, column 1: a control character (U+0000), which TOML does not allow"),
        ("k = \"a\rb\"\n", "line 1, column 7: a control character (U+000D)"),
        ("k = 1 # bell \u{7}\n", "column 14: a control character (U+0007)"),
    ])
    func eachFaultNamesItsLineColumnAndWhatIsWrong(text: String, expected: String) throws {
        let described = try problem(text)
        #expect(described.contains(expected), "\(described)")
    }

    /// check-config names every problem at once: a fault does not hide the lines after it, and
    /// the lines a broken list ran over give no faults of their own.
    @Test func afterAFaultReadingGoesOnAtTheNextStatement() {
        let text = """
        listen = "127.0.0.1:1"
        allowed_origins = ["https://a.example",
          https://b.example,
          "https://c.example"]
        durability = power
        log_level = "debug"
        max_message_bytes = 01
        colour = 1
        """
        let file = read(text)
        #expect(file.problems.map { $0.description.prefix(while: { $0 != "(" }) } == [
            "r.conf: allowed_origins: line 3 ", "r.conf: durability: line 5 ", "r.conf: max_message_bytes: line 7 "])
        #expect(file.entries.map(\.key) == ["listen", "log_level", "colour"])
    }

    /// The header is a problem (the daemon does not start), and the lines after it are read as the
    /// flat keys they were surely meant to be, so the same run names their faults too: an inline
    /// table, a key set twice, and (in the loader) unknown keys and bad values.
    @Test func linesAfterATableHeaderAreCheckedAsFlatKeys() {
        let file = read("log_level = \"info\"\n[x]\nlisten = \"127.0.0.1:0\"\nbad = \nz = { a = 1 }\nlog_level = \"debug\"\n")
        #expect(file.entries.map(\.key) == ["log_level", "listen"])
        #expect(file.problems.map { $0.description.prefix(while: { $0 != "(" }) } == [
            "r.conf: line 2 ", "r.conf: bad: line 4 ", "r.conf: z: line 5 ", "r.conf: log_level: line 6 "], "\(file.problems)")
    }

    @Test func nestingStopsAtADepthRatherThanOverflowingTheStack() throws {
        #expect(try value(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) != .list([]))
        let deep = try problem("k = " + String(repeating: "[", count: 1_000_000) + "\n")
        #expect(deep.contains("column 69: lists and tables nested more than 64 deep"), "\(deep)")
    }

    @Test func dottedKeysAndInlineTablesConfigureNothing() {
        let file = read("a.b = 1\nc = {d = 2}\ne = 3\n")
        #expect(file.entries.map(\.key) == ["e"])
        #expect(file.problems.count == 2)
    }
}
