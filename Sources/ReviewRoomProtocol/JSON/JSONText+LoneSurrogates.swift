extension JSONText {
    /// The first `\uXXXX` escape in a JSON string literal's source bytes that is a lone surrogate
    /// (a high one not followed by a low one, or a low one on its own), as `"\\uD800"`; nil when
    /// every escape is a scalar or half of a pair.
    ///
    /// The parser turns such an escape into U+FFFD, so two different literals (`"\uD800"`,
    /// `"\uDC00"`) would read as the same string; fields where that matters check the source.
    public static func loneSurrogateEscape(in literal: ArraySlice<UInt8>) -> String? {
        var index = literal.startIndex
        var pendingHigh: UInt32?
        func hex4(at start: Int) -> UInt32? {
            guard start + 4 <= literal.endIndex else { return nil }
            var value: UInt32 = 0
            for byte in literal[start..<start + 4] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
                value = value * 16 + UInt32(digit)
            }
            return value
        }
        func shown(_ unit: UInt32) -> String { "\\u" + String(unit, radix: 16, uppercase: true) }
        while index < literal.endIndex {
            guard literal[index] == UInt8(ascii: "\\"), index + 1 < literal.endIndex else {
                if let high = pendingHigh { return shown(high) }
                index += 1
                continue
            }
            guard literal[index + 1] == UInt8(ascii: "u"), let unit = hex4(at: index + 2) else {
                if let high = pendingHigh { return shown(high) }
                index += 2
                continue
            }
            switch unit {
            case 0xD800...0xDBFF:
                if let high = pendingHigh { return shown(high) }
                pendingHigh = unit
            case 0xDC00...0xDFFF:
                guard pendingHigh != nil else { return shown(unit) }
                pendingHigh = nil
            default:
                if let high = pendingHigh { return shown(high) }
            }
            index += 6
        }
        return pendingHigh.map(shown)
    }
}
