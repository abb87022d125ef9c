import Foundation
import ReviewRoomCore

/// Formats instants in the session's time zone with a fixed locale, so that records read
/// the same on every server. An unknown zone falls back to UTC and says so in ``note``.
///
/// The date and the wall-clock time are worked out here, in the proleptic Gregorian calendar
/// the record's RFC 3339 times use: Foundation's Gregorian calendar turns Julian before
/// 1582-10-15, so a start at `0000-01-01T00:00:00Z` (which the API accepts) read
/// "0001-01-03 00:00". Only the zone's offset at the instant and its name (`zzz`: `GMT`,
/// `GMT+14`, `GMT-4:56:02` for a zone's local mean time) come from Foundation. A local year
/// outside 0000–9999 (the last hours of 9999 in a zone east of UTC, the first of 0000 west of
/// it) is written as ISO 8601's expanded years are, signed: `+10000-01-01 13:00 GMT+14`.
struct RecordTimeFormatter {
    /// The zone used.
    let zoneIdentifier: String
    /// Why the zone is not the session's own, when it is not.
    let note: String?
    private let zone: TimeZone
    private let zoneName: DateFormatter
    /// Set for a zone that is UTC by name (`UTC`, `Etc/UTC`, `Zulu`…): its times say `UTC`, where
    /// Foundation's `zzz` says `GMT` ("09:30 GMT (UTC)" read as two zones).
    private let isUTC: Bool

    /// A formatter for `identifier` (an IANA zone such as `Europe/London`).
    init(timeZone identifier: String) {
        if let known = TimeZone(identifier: identifier) {
            zone = known
            zoneIdentifier = identifier
            note = nil
        } else {
            zone = TimeZone(secondsFromGMT: 0) ?? .current
            zoneIdentifier = "UTC"
            note = "The session's time zone \"\(identifier)\" is unknown: times are shown in UTC."
        }
        isUTC = Self.utcNames.contains(zoneIdentifier)
        zoneName = DateFormatter()
        zoneName.locale = Locale(identifier: "en_US_POSIX")
        zoneName.timeZone = zone
        zoneName.dateFormat = "zzz"
    }

    /// `2026-12-01 09:30 GMT`; with `seconds`, `2026-12-01 09:30:05 GMT`.
    func dateTime(_ instant: Timestamp, seconds: Bool = false) -> String {
        let local = wallClock(instant)
        let second = seconds ? ":\(Self.pad(local.second % 60))" : ""
        return "\(Self.year(local.year))-\(Self.pad(local.month))-\(Self.pad(local.day)) "
            + "\(Self.pad(local.second / 3600)):\(Self.pad(local.second / 60 % 60))\(second) \(name(at: instant))"
    }

    /// `2026-12-01`.
    func date(_ instant: Timestamp) -> String {
        let local = wallClock(instant)
        return "\(Self.year(local.year))-\(Self.pad(local.month))-\(Self.pad(local.day))"
    }

    /// `09:30:05`.
    func time(_ instant: Timestamp) -> String {
        let second = wallClock(instant).second
        return "\(Self.pad(second / 3600)):\(Self.pad(second / 60 % 60)):\(Self.pad(second % 60))"
    }

    /// ` GMT` (a space and the zone's name at `instant`) when the zone's offset then differs
    /// from its offset at `reference`, else nothing: a time in a record that gives its zone once
    /// ("Times in Europe/London") and runs across a clock change is marked, so that `01:54`
    /// then `01:00 GMT` reads as the clocks going back, not as time running backwards.
    func zoneMark(_ instant: Timestamp, unlessAsAt reference: Timestamp) -> String {
        let at = Self.date(instant)
        guard zone.secondsFromGMT(for: at) != zone.secondsFromGMT(for: Self.date(reference)) else { return "" }
        return " " + name(at: instant)
    }

    /// The zone's name at `instant`: `GMT`, `BST`, `GMT+11`; `UTC` for a zone named UTC.
    private func name(at instant: Timestamp) -> String {
        isUTC ? "UTC" : zoneName.string(from: Self.date(instant))
    }

    /// IANA names of UTC itself (not of zones that merely sit at +00:00, such as Europe/London).
    private static let utcNames: Set<String> = ["UTC", "Etc/UTC", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu", "UCT", "Etc/UCT"]

    /// The local date of `instant` and the second of its local day.
    private func wallClock(_ instant: Timestamp) -> (year: Int64, month: Int64, day: Int64, second: Int64) {
        let offsetSec = Int64(zone.secondsFromGMT(for: Self.date(instant)))
        let ms = instant.millisecondsSince1970 + offsetSec * 1000
        let days = ms >= 0 ? ms / 86_400_000 : -((-ms + 86_399_999) / 86_400_000)
        let (year, month, day) = Timestamp.civil(fromDays: days)
        return (year, month, day, (ms - days * 86_400_000) / 1000)
    }

    private static func date(_ instant: Timestamp) -> Date {
        Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
    }

    /// Four digits for 0000–9999; a sign and at least four digits outside them.
    private static func year(_ year: Int64) -> String {
        guard !(0...9999).contains(year) else { return pad(year, width: 4) }
        return (year < 0 ? "-" : "+") + pad(abs(year), width: 4)
    }

    private static func pad(_ value: Int64, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
