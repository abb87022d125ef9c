import ReviewRoomServer

/// TOML 1.0's numbers, from the unquoted token that holds one: whole numbers (decimal with an
/// optional sign, `0x` hexadecimal, `0o` octal, `0b` binary; `_` between digits) within 64 bits,
/// and floating-point numbers (a fraction, an exponent or both; `inf` and `nan` with an optional
/// sign).
enum FlatTOMLNumber {
    /// Why a token is not a number.
    enum Fault: Error, Equatable {
        /// Not shaped like a number at all (a word, an address): the caller says what a value is.
        case notANumber
        /// Shaped like a number, but against a rule this names.
        case malformed(String)

        /// The words for a message.
        var message: String {
            switch self {
            case .notANumber: "not a number"
            case .malformed(let why): why
            }
        }
    }

    /// The most characters a number may have, signs and underscores aside: toml++'s limit, kept so
    /// that a file it would refuse is not read differently here.
    static let maxLength = 128

    /// The number `token` writes.
    static func parse(_ token: String) throws(Fault) -> ConfigValue {
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = String(first)
            body = body.dropFirst()
        }
        if body == "inf" { return .float(sign == "-" ? -.infinity : .infinity) }
        if body == "nan" { return .float(.nan) }
        if body.count >= 2, body.hasPrefix("0"), let radix = ["x": 16, "o": 8, "b": 2][body.dropFirst().first ?? " "] {
            guard sign.isEmpty else { throw .malformed("a hexadecimal, octal or binary number takes no sign") }
            return try prefixed(body.dropFirst(2), radix: radix)
        }
        guard let first = body.first, first.isASCII, first.isNumber else {
            throw body.first == "." ? .malformed("a digit must come before the point (0.5, not .5)") : .notANumber
        }
        let integerEnd = body.firstIndex { $0 == "." || $0 == "e" || $0 == "E" } ?? body.endIndex
        let integer = try digits(body[..<integerEnd])
        guard integer.count == 1 || integer.first != "0" else {
            throw .malformed("a whole number cannot start with 0 (octal is written 0o…)")
        }
        var rest = body[integerEnd...]
        var fraction = "", exponent = ""
        if rest.first == "." {
            let end = rest.firstIndex { $0 == "e" || $0 == "E" } ?? rest.endIndex
            fraction = try digits(rest.dropFirst()[..<end])
            rest = rest[end...]
        }
        if let letter = rest.first, letter == "e" || letter == "E" {
            var power = rest.dropFirst()
            var powerSign = ""
            if let first = power.first, first == "+" || first == "-" { powerSign = String(first); power = power.dropFirst() }
            exponent = powerSign + (try digits(power))
            rest = rest[rest.endIndex...]
        }
        guard rest.isEmpty else { throw .notANumber }
        if fraction.isEmpty && exponent.isEmpty {
            guard let value = Int(sign + integer) else {
                throw .malformed("out of range: whole numbers go from -9223372036854775808 to 9223372036854775807")
            }
            return .integer(value)
        }
        let unsigned = integer + (fraction.isEmpty ? "" : "." + fraction) + (exponent.isEmpty ? "" : "e" + exponent)
        guard unsigned.count <= maxLength else { throw .malformed("longer than \(maxLength) digits: write it with an exponent (1.5e300)") }
        guard let value = Double(sign + unsigned), value.isFinite else { throw .malformed("out of the range of a floating-point number") }
        return .float(value)
    }

    /// `0x`, `0o` or `0b` digits.
    private static func prefixed(_ text: Substring, radix: Int) throws(Fault) -> ConfigValue {
        let cleaned = try digits(text, radix: radix)
        guard cleaned.count <= maxLength else { throw .malformed("longer than \(maxLength) digits") }
        guard let value = UInt64(cleaned, radix: radix), value <= UInt64(Int.max) else {
            throw .malformed("out of range: whole numbers go up to 9223372036854775807 (0x7FFFFFFFFFFFFFFF)")
        }
        return .integer(Int(value))
    }

    /// `text` without its underscores, when it is one or more digits of `radix` with each `_`
    /// between two of them.
    private static func digits(_ text: Substring, radix: Int = 10) throws(Fault) -> String {
        var cleaned = ""
        var previousWasDigit = false
        for character in text {
            if character == "_" {
                guard previousWasDigit else { throw .malformed("_ must stand between two digits") }
                previousWasDigit = false
                continue
            }
            guard character.isASCII, let digit = character.hexDigitValue, digit < radix else { throw .notANumber }
            cleaned.append(character)
            previousWasDigit = true
        }
        guard !cleaned.isEmpty else { throw .notANumber }
        guard previousWasDigit else { throw .malformed("_ must stand between two digits") }
        return cleaned
    }
}
