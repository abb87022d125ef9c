/// TOML 1.0's dates and times, recognised so a file holding one is read (and refused by the
/// loader, as no key takes one) rather than called malformed: `1979-05-27`, `07:32:00`,
/// `1979-05-27T07:32:00.999`, `1979-05-27T07:32:00Z`, `1979-05-27 07:32:00-07:00`.
enum FlatTOMLTemporal {
    /// Whether `token` is exactly `YYYY-MM-DD` in shape.
    static func isDate(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars)
        return scalars.count == 10 && shaped(scalars[...], "dddd-dd-dd")
    }

    /// Whether `token` starts like a date (`YYYY-MM-DD`) or a time (`HH:MM`).
    static func startsTemporal(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars)
        return shaped(scalars.prefix(10), "dddd-dd-dd") || shaped(scalars.prefix(5), "dd:dd")
    }

    /// Whether `token` (a space between date and time already made a `T`) is a valid date-time,
    /// date or time.
    static func isValid(_ token: String) -> Bool {
        var rest = Array(token.unicodeScalars)[...]
        if shaped(rest.prefix(10), "dddd-dd-dd") {
            let year = number(rest, 0, 4), month = number(rest, 5, 2), day = number(rest, 8, 2)
            guard (1...12).contains(month), (1...days(in: month, of: year)).contains(day) else { return false }
            rest = rest.dropFirst(10)
            if rest.isEmpty { return true }
            guard rest.first == "T" || rest.first == "t" else { return false }
            rest = rest.dropFirst()
            guard let afterTime = time(rest) else { return false }
            return afterTime.isEmpty || offset(afterTime)
        }
        return time(rest)?.isEmpty == true
    }

    /// `HH:MM:SS[.fraction]` at the start of `text`: what follows it, nil when it is not there.
    /// Seconds go to 59: toml++ refuses a leap second, which TOML leaves to the parser.
    private static func time(_ text: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar>? {
        guard shaped(text.prefix(8), "dd:dd:dd"), number(text, 0, 2) <= 23, number(text, 3, 2) <= 59, number(text, 6, 2) <= 59 else {
            return nil
        }
        var rest = text.dropFirst(8)
        if rest.first == "." {
            let digits = rest.dropFirst().prefix { ("0"..."9").contains($0) }
            // toml++ reads at most 64 digits, and refuses a file with more.
            guard (1...64).contains(digits.count) else { return nil }
            rest = rest.dropFirst(1 + digits.count)
        }
        return rest
    }

    /// `Z`, `z` or `±HH:MM`, and nothing after it.
    private static func offset(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        if text.count == 1 { return text.first == "Z" || text.first == "z" }
        guard text.count == 6, text.first == "+" || text.first == "-" else { return false }
        let clock = text.dropFirst()
        return shaped(clock, "dd:dd") && number(clock, 0, 2) <= 23 && number(clock, 3, 2) <= 59
    }

    /// Whether `text` matches `pattern`, in which `d` is an ASCII digit and anything else itself.
    private static func shaped(_ text: ArraySlice<Unicode.Scalar>, _ pattern: String) -> Bool {
        let wanted = Array(pattern.unicodeScalars)
        guard text.count == wanted.count else { return false }
        return zip(text, wanted).allSatisfy { scalar, want in want == "d" ? ("0"..."9").contains(scalar) : scalar == want }
    }

    /// The decimal number of `count` digits at `offset` into `text`.
    private static func number(_ text: ArraySlice<Unicode.Scalar>, _ offset: Int, _ count: Int) -> Int {
        text.dropFirst(offset).prefix(count).reduce(0) { $0 * 10 + Int($1.value - 48) }
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
