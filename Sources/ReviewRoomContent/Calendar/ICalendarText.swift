import ReviewRoomCore

/// RFC 5545 text rules: escaping, line folding at 75 octets and UTC date-times.
enum ICalendarText {
    /// Escapes a TEXT value: `\`, `;`, `,` and line breaks (`\n`); other control characters
    /// except tab are dropped, since RFC 5545 does not allow them in TEXT.
    static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.isForbiddenControl { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line so that no line exceeds 75 octets (continuations start with a
    /// space, which counts); never splits a UTF-8 sequence. Lines are joined with CRLF.
    static func fold(_ line: String) -> String {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let width = String(scalar).utf8.count
            if octets + width > 75 {
                lines.append(String(current))
                current = String.UnicodeScalarView([" "])
                octets = 1
            }
            current.append(scalar)
            octets += width
        }
        lines.append(String(current))
        return lines.joined(separator: "\r\n")
    }

    /// `YYYYMMDDTHHMMSSZ` for `instant` (milliseconds dropped), held within the years RFC 5545
    /// can write (four digits): a session starting late on 9999-12-31 ends at its last second.
    static func utcDateTime(_ instant: Timestamp) -> String {
        let exact = Int64((Double(instant.millisecondsSince1970) / 1000).rounded(.down))
        let seconds = min(max(exact, firstWritableSecond), lastWritableSecond)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        return pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
            + pad(secondOfDay % 3600 / 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }

    /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, in seconds since 1970.
    static let firstWritableSecond: Int64 = -62_167_219_200
    static let lastWritableSecond: Int64 = 253_402_300_799

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
