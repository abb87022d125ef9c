extension RecordText {
    /// What a question's entry says after its text: `discussed` or `not discussed`, `never shown`
    /// when it was not (a question shown has its showings listed under it), and what happened to
    /// it later. `escape` makes a piece of session text safe for the format.
    static func questionState(_ question: RecordQuestion, escape: (String) -> String) -> String {
        var parts = [question.discussed ? "discussed" : "not discussed"]
        if !question.shown { parts.append("never shown") } else if question.showings.isEmpty { parts.append("shown") }
        if let later = question.laterText { parts.append("later reworded: “\(escape(later))”") }
        if question.removed { parts.append("later removed from the deck") }
        return parts.joined(separator: "; ")
    }

    /// One stretch a question was on screen: "Shown 09:30–09:43 (13 min 10 s) in phase 1 “Host
    /// context”; had the floor: Ben, Asha." `times` formats in `record`'s zone (``stretchTimes(_:)``).
    static func showing(_ showing: RecordQuestionShowing, of record: ReviewRecord, times: RecordTimeFormatter,
                        escape: (String) -> String) -> String {
        let from = minute(showing.shownAt, of: record, times: times)
        let when: String
        if let hidden = showing.hiddenAt {
            let to = minute(hidden, of: record, times: times)
            when = "Shown \(from == to ? from : "\(from)–\(to)") (\(duration(showing.shownAt.seconds(to: hidden))))"
        } else {
            when = "On screen from \(from) until the record was made"
        }
        let phase = showing.phase.map { index in
            record.agenda.indices.contains(index) ? " in phase \(index + 1) “\(escape(record.agenda[index].title))”"
                : " in phase \(index + 1)"
        } ?? " before the session started"
        let floor = showing.speakers.isEmpty ? "nobody had the floor"
            : "had the floor: " + showing.speakers.map { escape(isolated($0.name)) }.joined(separator: ", ")
        return "\(when)\(phase); \(floor)."
    }

    /// Said once above the questions when any was shown: the zone their times are in.
    static func showingsNote(_ record: ReviewRecord) -> String? {
        guard record.questions.contains(where: { !$0.showings.isEmpty }) else { return nil }
        return "Under each question shown: when it was on screen (times in \(record.displayTimeZone)) and who had the floor meanwhile."
    }
}
