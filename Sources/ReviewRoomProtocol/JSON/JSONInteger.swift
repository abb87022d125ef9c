/// Reads a JSON number's source text as an exact integer, digit by digit — never through a
/// `Double`, which holds integers exactly only up to 2^53 (`9007199254740993` would come back
/// as `…992`).
///
/// A literal with a fraction or an exponent counts when its value is integral (`1.0`, `1e3`,
/// `1.5e1`): JSON does not tell `15` from `1.5e1`, and clients that print numbers through
/// a double may send either.
public enum JSONInteger {
    /// What a number literal holds.
    public enum Reading: Equatable, Sendable {
        /// An integer that fits `Int64`.
        case integer(Int64)
        /// An integral value beyond `Int64` (`positive` tells which end).
        case outOfRange(positive: Bool)
        /// A value with a fractional part (`1.5`), or text that is not a JSON number.
        case notIntegral
    }

    /// The range every integer read here must fit, as a message says it.
    public static let rangeDescription = "-9223372036854775808 to 9223372036854775807"

    /// Reads `literal`, the source bytes of one JSON number (`-?int(.frac)?([eE][+-]?digits)?`).
    public static func read(_ literal: some Collection<UInt8>) -> Reading {
        var bytes = literal.makeIterator()
        var negative = false
        var digits: [UInt8] = []
        var fractionDigits = 0
        var exponentText: [UInt8] = []
        var exponentNegative = false
        // 0 integer part, 1 fraction, 2 exponent sign or digits.
        var part = 0
        var first = true
        while let byte = bytes.next() {
            defer { first = false }
            switch (part, byte) {
            case (0, UInt8(ascii: "-")) where first:
                negative = true
            case (0, UInt8(ascii: "0")...UInt8(ascii: "9")):
                digits.append(byte)
            case (1, UInt8(ascii: "0")...UInt8(ascii: "9")):
                digits.append(byte)
                fractionDigits += 1
            case (0, UInt8(ascii: ".")):
                part = 1
            case (0, UInt8(ascii: "e")), (0, UInt8(ascii: "E")), (1, UInt8(ascii: "e")), (1, UInt8(ascii: "E")):
                part = 2
            case (2, UInt8(ascii: "-")) where exponentText.isEmpty && !exponentNegative:
                exponentNegative = true
            case (2, UInt8(ascii: "+")) where exponentText.isEmpty && !exponentNegative:
                break
            case (2, UInt8(ascii: "0")...UInt8(ascii: "9")):
                exponentText.append(byte)
            default:
                return .notIntegral
            }
        }
        guard !digits.isEmpty, part != 2 || !exponentText.isEmpty else { return .notIntegral }
        // Leading zeros carry nothing; an all-zero mantissa is 0 whatever the exponent.
        let significant = Array(digits.drop { $0 == UInt8(ascii: "0") })
        guard !significant.isEmpty else { return .integer(0) }
        let exponent = exponentText.drop { $0 == UInt8(ascii: "0") }
        // Past six digits an exponent only says "far too large" or "far too small" for a
        // mantissa of at most a few thousand digits (a message is at most 64 KiB).
        guard exponent.count <= 6 else { return exponentNegative ? .notIntegral : .outOfRange(positive: !negative) }
        let exponentValue = exponent.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        // The value is `whole × 10^scale`, and `whole` starts with a non-zero digit.
        let scale = (exponentNegative ? -exponentValue : exponentValue) - fractionDigits
        var whole = significant
        if scale < 0 {
            // Integral only when the digits that would follow the point are all zeros.
            guard -scale < whole.count, whole.suffix(-scale).allSatisfy({ $0 == UInt8(ascii: "0") }) else {
                return .notIntegral
            }
            whole.removeLast(-scale)
        } else if scale > 0 {
            guard whole.count + scale <= 19 else { return .outOfRange(positive: !negative) }
            whole += Array(repeating: UInt8(ascii: "0"), count: scale)
        }
        guard whole.count <= 19 else { return .outOfRange(positive: !negative) }
        // At most 19 digits: the magnitude fits UInt64, and Int64 takes it or refuses it exactly.
        let magnitude = whole.reduce(UInt64(0)) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return .outOfRange(positive: false) }
            return .integer(magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude))
        }
        guard magnitude <= UInt64(Int64.max) else { return .outOfRange(positive: true) }
        return .integer(Int64(magnitude))
    }
}
