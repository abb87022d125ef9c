extension Timestamp: CustomStringConvertible, Codable {
    /// The RFC 3339 UTC form with milliseconds, e.g. `2026-11-29T10:00:01.004Z`.
    public var rfc3339: String {
        let ms = millisecondsSince1970
        let days = ms >= 0 ? ms / 86_400_000 : -((-ms + 86_399_999) / 86_400_000)
        let msOfDay = ms - days * 86_400_000
        let (year, month, day) = Self.civil(fromDays: days)
        let hour = msOfDay / 3_600_000
        let minute = (msOfDay / 60_000) % 60
        let second = (msOfDay / 1000) % 60
        let milli = msOfDay % 1000
        if (0...9999).contains(year) {
            // Every event frame carries one: written digit by digit into 24 bytes, no interpolation.
            var bytes = Array("0000-00-00T00:00:00.000Z".utf8)
            func put(_ value: Int64, width: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[index] = UInt8(48 + rest % 10)
                    rest /= 10
                }
            }
            put(year, width: 4, at: 0); put(month, width: 2, at: 5); put(day, width: 2, at: 8)
            put(hour, width: 2, at: 11); put(minute, width: 2, at: 14); put(second, width: 2, at: 17)
            put(milli, width: 3, at: 20)
            return String(decoding: bytes, as: UTF8.self)
        }
        return "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))T"
            + "\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)).\(Self.pad(milli, 3))Z"
    }

    /// Same as ``rfc3339``.
    public var description: String { rfc3339 }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction
    /// (kept to the millisecond), then `Z` or a `±HH:MM` offset. Returns nil otherwise.
    /// Second 60 is a leap second, which RFC 3339 (§5.7) allows only at 23:59:60 UTC on a
    /// month's last day: there it is held at :59 (this clock has no 61st second), elsewhere nil.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= b.count else { return nil }
            var value: Int64 = 0
            for i in start..<(start + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int64(b[i] - 48)
            }
            return value
        }
        guard b.count >= 20,
              let year = digits(0, 4), b[4] == UInt8(ascii: "-"),
              let month = digits(5, 2), b[7] == UInt8(ascii: "-"),
              let day = digits(8, 2), b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let hour = digits(11, 2), b[13] == UInt8(ascii: ":"),
              let minute = digits(14, 2), b[16] == UInt8(ascii: ":"),
              let second = digits(17, 2),
              (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
              hour < 24, minute < 60, second < 61
        else { return nil }
        var i = 19
        var milli: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                milli += Int64(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offsetMinutes: Int64 = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
            guard let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"),
                  let om = digits(i + 4, 2), oh < 24, om < 60 else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
            i += 6
        default:
            return nil
        }
        guard i == b.count else { return nil }
        let days = Self.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offsetMinutes * 60
        if second == 60 {
            let utcDays = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
            let utc = Self.civil(fromDays: utcDays)
            guard seconds - utcDays * 86_400 == 86_399, utc.day == Self.daysIn(month: utc.month, year: utc.year) else {
                return nil
            }
        }
        // An offset can carry year 0000 or 9999 into year -1 or 10000 in UTC, which RFC 3339
        // cannot write (four-digit years): such an instant is refused, not echoed back garbled.
        guard Self.writableMilliseconds.contains(seconds * 1000 + milli) else { return nil }
        self.init(millisecondsSince1970: seconds * 1000 + milli)
    }

    /// The instants ``rfc3339`` can write: 0000-01-01T00:00:00.000Z through 9999-12-31T23:59:59.999Z.
    static let writableMilliseconds: ClosedRange<Int64> =
        days(fromCivil: 0, 1, 1) * 86_400_000...days(fromCivil: 10_000, 1, 1) * 86_400_000 - 1

    /// Decodes from an RFC 3339 string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = Timestamp(rfc3339: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not an RFC 3339 date-time such as 2026-12-01T09:30:00Z")
        }
        self = parsed
    }

    /// Encodes as an RFC 3339 UTC string with milliseconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rfc3339)
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic
    // Gregorian calendar, no Foundation calendar (slow, locale-dependent) involved.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01, for every
    /// year (year 0 is 1 BC); Foundation's Gregorian calendar turns Julian before 1582-10-15.
    public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
