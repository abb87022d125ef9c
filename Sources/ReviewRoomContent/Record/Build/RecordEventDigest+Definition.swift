import ReviewRoomCore

extension RecordEventDigest {
    /// Log lines for what a `session.changed` changed in the session's details and agenda,
    /// each with its old and new value: title, focus (quoted briefly; just "Focus reworded" when
    /// the brief quotes are the same), start, time zone, then
    /// the agenda (``agendaChanges(from:to:deck:)``). Question changes are listed apart
    /// (``questionChanges(from:to:)``). Times are in the record's display zone (`times`).
    static func definitionChanges(from old: SessionChange, to new: SessionChange, times: RecordTimeFormatter) -> [String] {
        var out: [String] = []
        if old.title != new.title { out.append("Title: “\(old.title)” → “\(new.title)”") }
        if old.focus != new.focus {
            let (before, after) = (brief(old.focus), brief(new.focus))
            // Two long statements may differ only past the quoted part: quoting both would read as no change.
            out.append(before == after ? "Focus reworded" : "Focus reworded: “\(before)” → “\(after)”")
        }
        if old.startsAt != new.startsAt { out.append(startMove(from: old.startsAt, to: new.startsAt, times: times)) }
        if old.timeZone != new.timeZone { out.append("Time zone: \(old.timeZone) → \(new.timeZone)") }
        return out + agendaChanges(from: old.agenda, to: new.agenda, deck: Set(new.prompts.deck.map(\.id)))
    }

    /// "Start moved from A to B", to the minute; to the second when a move within one minute
    /// would read "from 09:30 to 09:30".
    static func startMove(from old: Timestamp, to new: Timestamp, times: RecordTimeFormatter) -> String {
        var (before, after) = (times.dateTime(old), times.dateTime(new))
        if before == after { (before, after) = (times.dateTime(old, seconds: true), times.dateTime(new, seconds: true)) }
        guard before != after else { return "Start moved by less than a second (\(after))" }
        return "Start moved from \(before) to \(after)"
    }

    /// `text` cut to about `limit` characters at a word boundary, with `…` when cut: long
    /// focus statements are quoted, not copied whole, in a one-line log entry.
    static func brief(_ text: String, limit: Int = 60) -> String {
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        var kept = ""
        for word in words {
            let next = kept.isEmpty ? String(word) : kept + " " + word
            if next.count > limit {
                // A single word longer than the limit is cut inside it rather than dropped.
                return (kept.isEmpty ? String(next.prefix(limit)) : kept) + "…"
            }
            kept = next
        }
        return kept
    }
}
