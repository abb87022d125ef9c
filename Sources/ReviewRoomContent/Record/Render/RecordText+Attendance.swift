import ReviewRoomCore

extension RecordText {
    /// The Attended cell of a person: `yes`, `did not join online`, or nil when the record
    /// does not know.
    static func attended(_ person: RecordPerson) -> String? {
        person.attended.map { $0 ? "yes" : "did not join online" }
    }

    /// Their time online: `1:02:03`, `at least 12:00` when cut short by a server stop, `—`
    /// when they never joined.
    static func online(_ person: RecordPerson) -> String {
        guard person.attended == true, let seconds = person.onlineSec else { return "—" }
        return (person.onlineSecIsLowerBound == true ? "at least " : "") + duration(seconds)
    }

    /// Breaks shorter than this (a dropped connection coming back) are not shown in ``online(_:draft:)``.
    static let shortBreakMilliseconds: Int64 = 60_000

    /// When they were online, to the minute: `09:28–10:42, 10:50–end` (`–now` in a draft), a
    /// break under a minute left out, and a stretch within one minute as that minute alone
    /// (`10:31`, not `10:31–10:31`); `—` when they never joined. A time on another day than the
    /// session's start in `record`'s time zone carries its date (`23:49–2026-12-06 00:03`): a
    /// review running past midnight read as if someone had left before they came. The JSON has
    /// every stretch to the second. `times` formats in `record`'s time zone (made once per table:
    /// it holds a `DateFormatter`).
    static func stretches(_ person: RecordPerson, of record: ReviewRecord, times: RecordTimeFormatter) -> String {
        guard person.attended == true, let spells = person.online, !spells.isEmpty else { return "—" }
        var shown: [RecordOnlineSpell] = []
        for spell in spells {
            if let last = shown.last,
               spell.from.millisecondsSince1970 - last.to.millisecondsSince1970 < shortBreakMilliseconds {
                shown[shown.count - 1].to = spell.to
                shown[shown.count - 1].toLocal = spell.toLocal
                shown[shown.count - 1].untilEnd = spell.untilEnd
            } else {
                shown.append(spell)
            }
        }
        return shown.map { spell in
            let from = minute(spell.from, of: record, times: times), to = minute(spell.to, of: record, times: times)
            if spell.untilEnd == true { return "\(from)–" + (record.draft ? "now" : "end") }
            return from == to ? from : "\(from)–\(to)"
        }.joined(separator: ", ")
    }

    /// `09:28`: `instant` in `record`'s time zone to the minute, with its date when that is not
    /// the day the session started (`2026-12-06 00:03`) and the zone's name when its offset then
    /// differs from the planned start's (a clock change during the review).
    static func minute(_ instant: Timestamp, of record: ReviewRecord, times: RecordTimeFormatter) -> String {
        let startDay = times.date(record.session.startedAt ?? record.session.startsAt)
        let marked = String(times.time(instant).prefix(5)) + times.zoneMark(instant, unlessAsAt: record.session.startsAt)
        let day = times.date(instant)
        return day == startDay ? marked : "\(day) \(marked)"
    }

    /// The formatter ``stretches(_:of:times:)`` takes for `record`.
    static func stretchTimes(_ record: ReviewRecord) -> RecordTimeFormatter {
        RecordTimeFormatter(timeZone: record.displayTimeZone)
    }

    /// What the Online column gives, under the attendance table.
    static func stretchesNote(_ record: ReviewRecord) -> String {
        "Online gives when each person was online (times in \(record.displayTimeZone); a break under a minute, "
            + "such as a dropped connection, is not shown)."
    }
}
