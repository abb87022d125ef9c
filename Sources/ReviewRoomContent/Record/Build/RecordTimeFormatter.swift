import Foundation
import ReviewRoomCore

/// Formats instants in the session's time zone with a fixed locale, so that records read
/// the same on every server. An unknown zone falls back to UTC and says so in ``note``.
struct RecordTimeFormatter {
    /// The zone used.
    let zoneIdentifier: String
    /// Why the zone is not the session's own, when it is not.
    let note: String?
    private let dateTime: DateFormatter
    private let timeOnly: DateFormatter

    /// A formatter for `identifier` (an IANA zone such as `Europe/London`).
    init(timeZone identifier: String) {
        let zone: TimeZone
        if let known = TimeZone(identifier: identifier) {
            zone = known
            zoneIdentifier = identifier
            note = nil
        } else {
            zone = TimeZone(secondsFromGMT: 0) ?? .current
            zoneIdentifier = "UTC"
            note = "The session's time zone \"\(identifier)\" is unknown: times are shown in UTC."
        }
        dateTime = Self.formatter("yyyy-MM-dd HH:mm zzz", zone)
        timeOnly = Self.formatter("HH:mm:ss", zone)
    }

    /// `2026-12-01 09:30 GMT`.
    func dateTime(_ instant: Timestamp) -> String { dateTime.string(from: Self.date(instant)) }

    /// `09:30:05`.
    func time(_ instant: Timestamp) -> String { timeOnly.string(from: Self.date(instant)) }

    private static func date(_ instant: Timestamp) -> Date {
        Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
    }

    private static func formatter(_ format: String, _ zone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = zone
        formatter.dateFormat = format
        return formatter
    }
}
