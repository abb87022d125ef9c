/// Small wording helpers shared by the record formats and the calendar.
enum RecordText {
    /// A length in words: `15 min`, `1 h 30 min`, `45 s`, `2 min 5 s` (whole seconds).
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60)
        var parts: [String] = []
        if h > 0 { parts.append("\(h) h") }
        if m > 0 { parts.append("\(m) min") }
        if s > 0 || parts.isEmpty { parts.append("\(s) s") }
        return parts.joined(separator: " ")
    }

    /// A signed length: `+5 min`, `−30 s`, `0 s`.
    static func signedDuration(_ seconds: Double) -> String {
        let rounded = seconds.rounded()
        if rounded > 0 { return "+" + duration(rounded) }
        if rounded < 0 { return "−" + duration(-rounded) }
        return "0 s"
    }

    /// What a visit of a phase changed, for its line: "extended +2 min" or "shortened by 9 min
    /// 40 s", and "overtime 20 s"; what did not happen (0 s) is left out. "Extended −9 min 40 s"
    /// read as a double negative beside the log's "Shortened … by 9 min 40 s", and "overtime 0 s"
    /// on every line was noise (a record audit).
    static func visitChanges(extendedSec: Double, overtimeSec: Double) -> [String] {
        var parts: [String] = []
        let extended = extendedSec.rounded()
        if extended > 0 { parts.append("extended " + signedDuration(extended)) }
        if extended < 0 { parts.append("shortened by " + duration(-extended)) }
        if overtimeSec.rounded() > 0 { parts.append("overtime " + duration(overtimeSec)) }
        return parts
    }

    /// A share as a whole percentage: `42%`.
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    /// Seconds rounded to the millisecond, as the record's numbers are.
    static func seconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// Actual minus planned for the whole agenda, or a dash before anything ran.
    static func totalDifference(_ record: ReviewRecord) -> String {
        record.agenda.allSatisfy { $0.runs.isEmpty } ? "—" : signedDuration(record.actualSec - record.plannedSec)
    }

    /// When the session actually ran, for the facts beside its planned start:
    /// `2026-12-01 09:31 GMT to 2026-12-01 10:58 GMT`, or `…, still running` for a draft;
    /// `never started; ended …` for one ended before it started; nil before it started.
    static func ran(_ record: ReviewRecord) -> String? {
        let runs = record.agenda.flatMap(\.runs)
        guard let first = runs.min(by: { $0.startedAt < $1.startedAt }) else {
            // Ended without ever starting: say so, and when.
            return record.session.endedAt.map {
                "never started; ended " + RecordTimeFormatter(timeZone: record.displayTimeZone).dateTime($0)
            }
        }
        guard !record.draft, let last = runs.max(by: { $0.endedAt < $1.endedAt }) else {
            return first.startedAtLocal + ", still running"
        }
        return first.startedAtLocal + " to " + last.endedAtLocal
    }

    /// How a who-wrote-what list shows a passage of nothing but white space (a line break typed
    /// between other people's words), which quoted as it is would read as an empty quote `“”`:
    /// `(a line break)`, `(3 line breaks)`, `(spaces only)`; nil for any other passage.
    static func blankPassage(_ text: String) -> String? {
        guard !text.isEmpty, text.allSatisfy(\.isWhitespace) else { return nil }
        switch text.filter(\.isNewline).count {
        case 0: return "(spaces only)"
        case 1: return "(a line break)"
        case let breaks: return "(\(breaks) line breaks)"
        }
    }

    /// A person's role for a participant list, with `removed` when their invite was revoked:
    /// `reviewer`, `reviewer, removed`.
    static func roleNote(_ person: RecordPerson) -> String {
        person.removed ? person.role + ", removed" : person.role
    }

    /// The log's times as the tables show them: the time of day, and the date too where it is
    /// not the previous line's (for the first line, not the planned start's day). A reschedule
    /// made the evening before read "23:44:53" above the start's "00:00:06". A time after a
    /// clock change carries the zone's name then (``RecordTimeFormatter/zoneMark(_:unlessAsAt:)``).
    static func logTimes(_ record: ReviewRecord) -> [String] {
        var day = String(record.session.startsAtLocal.prefix(10))
        let times = RecordTimeFormatter(timeZone: record.displayTimeZone)
        return record.log.map { entry in
            defer { day = entry.date }
            let time = entry.time + times.zoneMark(entry.at, unlessAsAt: record.session.startsAt)
            return entry.date == day ? time : entry.date + " " + time
        }
    }

    /// Under the agenda, when the clock was paused: "Actual times leave out the 1 min 5 s the
    /// clock was paused (phase 2: 5 s; phase 4: 1 min).", or nil. Worked out from the start and
    /// end, a phase's time did not match its Actual, and nothing said why.
    static func pausedNote(_ record: ReviewRecord) -> String? {
        let paused = record.agenda.compactMap { phase -> (Int, Double)? in
            let seconds = phase.runs.reduce(0) { $0 + $1.pausedSec }
            return seconds >= 0.5 ? (phase.index + 1, seconds) : nil
        }
        guard !paused.isEmpty else { return nil }
        let total = paused.reduce(0) { $0 + $1.1 }
        return "Actual times leave out the \(duration(total)) the clock was paused ("
            + paused.map { "phase \($0.0): \(duration($0.1))" }.joined(separator: "; ") + ")."
    }

    /// A speaker's role, with ", removed" for someone removed since they spoke.
    static func roleNote(_ speaker: RecordSpeaker) -> String {
        speaker.removed == true ? speaker.role + ", removed" : speaker.role
    }
}
