import ReviewRoomCore

/// RFC 5545 calendar export of a session (no invite tokens inside: calendars get shared).
public enum CalendarExport {
    /// The domain part of every `UID` (`session-<id>@reviewroom.app`), so that the same
    /// session always has the same UID and a reschedule updates the event in calendars.
    public static let uidDomain = "reviewroom.app"

    /// A `VCALENDAR` with `METHOD:PUBLISH` and one `VEVENT`, CRLF line ends.
    ///
    /// Times are in UTC (`DTSTART:20261201T093000Z`); the session's own time zone is named in
    /// the description. `DESCRIPTION` holds the focus, the host school and the agenda outline.
    /// A `consoleURL` loses any `#fragment` (where invite tokens ride) before it is written.
    /// - Parameters:
    ///   - info: the session's scheduling facts (start, time zone, title, focus, host).
    ///   - agenda: its phases (the event lasts their planned total).
    ///   - sequence: raised on every reschedule (negative values are written as 0).
    ///   - stamp: `DTSTAMP`.
    ///   - consoleURL: where a facilitator opens it (no tokens), if known.
    public static func ics(info: SessionInfo, agenda: [Phase], sequence: Int, stamp: Timestamp,
                           consoleURL: String?) -> String {
        let plannedSec = agenda.reduce(0) { $0 + $1.durationSec }
        let start = ICalendarText.utcDateTime(info.startsAt)
        let end = ICalendarText.utcDateTime(info.startsAt.adding(seconds: plannedSec))
        let url = consoleURL.map { String($0.prefix { $0 != "#" }) }.flatMap { $0.isEmpty ? nil : $0 }
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//ReviewRoom//ReviewRoom v1//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:" + ICalendarText.escape("session-\(info.id)@\(uidDomain)"),
            "DTSTAMP:" + ICalendarText.utcDateTime(stamp),
            "SEQUENCE:\(max(0, sequence))",
            "DTSTART:" + start,
        ]
        // RFC 5545 §3.6.1: a DTEND must be later than DTSTART. An agenda that lasts no whole
        // second (none, or one 1 ms phase) wrote the same second for both; without DTEND the
        // event ends where it starts, which is what that agenda plans.
        if end != start { lines.append("DTEND:" + end) }
        lines += [
            "SUMMARY:" + ICalendarText.escape(info.title),
            "DESCRIPTION:" + ICalendarText.escape(description(info: info, agenda: agenda, consoleURL: url)),
            "LOCATION:" + ICalendarText.escape("Online (ReviewRoom)"),
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
        ]
        if let url { lines.append("URL:" + url) }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(ICalendarText.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The plain-text description: focus, host school, time zone, agenda outline and console link.
    static func description(info: SessionInfo, agenda: [Phase], consoleURL: String?) -> String {
        var text = "Enquiry focus: \(info.focus)\nHost school: \(info.hostSchool)\nTime zone: \(info.timeZone)\n\nAgenda:"
        for (index, phase) in agenda.enumerated() {
            text += "\n\(index + 1). \(phase.title) (\(RecordText.duration(phase.durationSec)))"
        }
        if let consoleURL { text += "\n\nFacilitator console: \(consoleURL)" }
        return text
    }
}
