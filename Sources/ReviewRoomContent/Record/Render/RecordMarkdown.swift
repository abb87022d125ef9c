import Foundation

/// The Markdown record: headings per section, tables for figures, notes as quoted text.
enum RecordMarkdown {
    /// The whole record as Markdown.
    static func render(_ record: ReviewRecord) -> String {
        var out: [String] = []
        let s = record.session
        out.append("# \(s.recordHeading): \(inline(s.title))")
        out.append("")
        if record.draft {
            out.append("> **Draft** — the session has not ended; this record may still change.")
            out.append("")
        }
        out.append("- **Host school:** \(inline(s.hostSchool))")
        out.append("- **Enquiry focus:** \(inline(s.focus))")
        out.append("- **Planned start:** \(s.startsAtLocal) (\(inline(s.timeZone)))")
        if let follows = s.follows { out.append("- **Follows:** \(inline(RecordText.isolated(follows.title))), \(follows.startsAtLocal)") }
        if let ran = RecordText.ran(record) { out.append("- **Ran:** \(ran)") }
        out.append("- **Status:** \(s.status)")
        out.append("- **Participants:** " + (record.participants.isEmpty ? "none" :
                   record.participants.map { inline(RecordText.isolated($0.name)) + " (" + RecordText.roleNote($0) + ")" }.joined(separator: ", ")))
        out.append("- **Record as of:** \(record.generatedAtLocal)")
        if let note = record.timeZoneNote { out.append("- **Note:** \(inline(note))") }
        out.append("")
        out.append(contentsOf: attendance(record))

        out.append("## Agenda: planned and as run")
        out.append("")
        let times = record.agendaTimeColumns
        if let shared = times.shared {
            out.append("Times are on \(shared).")
            out.append("")
        }
        out.append("| # | Phase | Planned | Actual | Difference | Due | Started | Ended |")
        out.append("|---|---|---|---|---|---|---|---|")
        for phase in record.agenda {
            let started = phase.runs.first.map { times.cell($0.startedAtLocal) } ?? "—"
            let ended = phase.runs.last.map { $0.current ? "(running)" : times.cell($0.endedAtLocal) } ?? "—"
            let difference = phase.differenceSec.map(RecordText.signedDuration) ?? "not run"
            out.append("| \(phase.index + 1) | \(cell(phase.title)) | \(RecordText.duration(phase.plannedSec)) | "
                       + "\(phase.runs.isEmpty ? "—" : RecordText.duration(phase.actualSec)) | \(difference) | \(times.cell(phase.dueAtLocal)) | \(started) | \(ended) |")
        }
        out.append("| | **Total** | \(RecordText.duration(record.plannedSec)) | \(RecordText.duration(record.actualSec)) | "
                   + "\(RecordText.totalDifference(record)) | | | |")
        out.append("")
        if let paused = RecordText.pausedNote(record) { out.append("- " + paused) }
        for phase in record.agenda {
            let count = phase.runs.count
            for (number, run) in phase.runs.enumerated() {
                // A phase visited again gets one line per visit, numbered and with its own
                // running time: the start alone (to the minute) would not tell two visits apart.
                let which = count > 1 ? ", visit \(number + 1) of \(count)," : ""
                let parts = (count > 1 ? ["ran \(RecordText.duration(run.actualSec))"] : [])
                    + RecordText.visitChanges(extendedSec: run.extendedSec, overtimeSec: run.overtimeSec)
                guard !parts.isEmpty else { continue }
                out.append("- Phase \(phase.index + 1)\(which) run from \(run.startedAtLocal): \(parts.joined(separator: ", ")).")
            }
        }
        if record.agenda.contains(where: { $0.purpose != nil }) {
            out.append("")
            out.append("Purposes:")
            out.append("")
            for phase in record.agenda { if let purpose = phase.purpose { out.append("\(phase.index + 1). \(inline(phase.title)) — \(inline(purpose))") } }
        }
        out.append("")

        out.append("## Actions")
        out.append("")
        out.append(contentsOf: noteBody(record.actions, empty: "No actions were written."))
        out.append("")

        out.append("## Enquiry questions")
        out.append("")
        out.append(contentsOf: questions(record))
        if record.questions.isEmpty { out.append("No questions.") }
        out.append("")

        out.append("## Notes")
        for note in record.notesBesideActions {
            out.append("")
            out.append("### \(inline(note.title))")
            out.append("")
            out.append(contentsOf: noteBody(note, empty: "(empty)"))
        }
        out.append("")

        out.append("## Speaking time")
        out.append("")
        out.append("| Person | Role | Time | Share | |")
        out.append("|---|---|---|---|---|")
        for person in record.speaking.people {
            out.append("| \(cell(RecordText.isolated(person.name))) | \(RecordText.roleNote(person)) | \(RecordText.duration(person.seconds)) | "
                       + "\(RecordText.percent(record.speaking.exactShare(of: person.seconds))) | \(bar(record.speaking.exactShare(of: person.seconds))) |")
        }
        out.append("")
        out.append("| Group | People | Time | Share |")
        out.append("|---|---|---|---|")
        for group in record.speaking.groups {
            out.append("| \(group.label) | \(group.people) | \(RecordText.duration(group.seconds)) | \(RecordText.percent(record.speaking.exactShare(of: group.seconds))) |")
        }
        out.append("")
        if let note = RecordText.offlineTurnsNote(record, escape: inline) {
            out.append(note)
            out.append("")
        }

        out.append("## Rounds")
        out.append("")
        if record.rounds.isEmpty { out.append("No rounds.") }
        for (index, round) in record.rounds.enumerated() {
            out.append("\(index + 1). " + RecordText.round(round, escape: inline))
        }
        out.append("")

        out.append("## Phrases to revisit")
        out.append("")
        if let note = record.phrasesNote { out.append(inline(note)) } else if record.phrasesToRevisit.isEmpty { out.append("None.") }
        for phrase in record.phrasesToRevisit {
            out.append("- **\(inline(phrase.phrase))** in *\(inline(phrase.noteTitle))*: “\(inline(phrase.context))” — \(inline(phrase.suggestion))")
        }
        out.append("")

        out.append("## Facilitator's log")
        out.append("")
        out.append("Times in \(record.displayTimeZone).")
        out.append("")
        for (entry, time) in zip(record.log, RecordText.logTimes(record)) {
            out.append("- \(time) — \(inline(entry.text))" + byline(entry))
        }
        if record.log.isEmpty { out.append("Nothing logged.") }
        return out.joined(separator: "\n") + "\n"
    }

    /// " (by Fran)" after a log line, or nothing when the line names its author alone as the one
    /// it is about: "Hand raised: Cara", not "Hand raised: Cara (Cara)"; "Asha passed", not
    /// "Asha passed (Asha)". Without "by", a name in brackets after another read as that
    /// person's other name ("Hand lowered: Asha (Fran)").
    static func byline(_ entry: RecordLogEntry) -> String {
        guard let by = entry.by else { return "" }
        let author = RecordText.isolated(by)
        if entry.text == author + " passed" { return "" }
        if let colon = entry.text.range(of: ": ") {
            let subject = entry.text[colon.upperBound...]
            if subject == author || subject == author + " (direct response)" { return "" }
        }
        return " (by \(inline(author)))"
    }

    /// A note's passages as a block quote, each passage's author named after it.
    static func noteBody(_ note: RecordNote?, empty: String) -> [String] {
        guard let note, !note.text.isEmpty else { return [empty] }
        let shown = String(note.text.reversed().drop { $0.isNewline }.reversed())
        // Every line break a reader's parser may honour (CRLF and a lone CR are CommonMark line
        // endings; Character sees CRLF as one character) ends a quoted line, so no line of the
        // note can leave the quote and pass for a section of the record.
        let lines = shown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        // A line break typed in the note stays one: CommonMark joins a paragraph's lines (a probe
        // saw five separate entries render as one run-on paragraph, and lines after a bullet
        // fold into it), so a line followed by another ends in a hard break (two spaces).
        let hasText = { (line: String) in !line.allSatisfy(\.isWhitespace) }
        let scalars = lines.map { Array(withoutControls($0).unicodeScalars) }
        let code = MarkdownCodeSpans.contents(of: scalars)
        var out = lines.indices.map { index in
            let quoted = "> " + escapeLine(scalars[index], code: code[index])
            let breaks = hasText(lines[index]) && lines.indices.contains(index + 1) && hasText(lines[index + 1])
            return breaks ? quoted + "  " : quoted
        }
        out.append("")
        out.append("Written by: " + note.authors.map { inline(RecordText.isolated($0)) }.joined(separator: ", ") + ".")
        out.append("")
        // Plain text, not a `<details>` disclosure: pasted into a word processor the tags stayed
        // as typed (a record audit); the HTML record has the disclosure.
        out.append("Who wrote what:")
        out.append("")
        for passage in note.passages {
            if let blank = RecordText.blankPassage(passage.text) {
                out.append("- \(inline(RecordText.isolated(passage.authorName))): *\(blank)*")
                continue
            }
            // Controls left open close where their line ends, before the lines are joined.
            let text = DirectionControls.balanced(passage.text).joiningLines()
            out.append("- \(inline(RecordText.isolated(passage.authorName))): “\(inline(RecordText.isolatedPassage(text)))”")
        }
        return out
    }

    /// Text for inline Markdown: characters that would start markup or raw HTML are escaped,
    /// control characters replaced (as in HTML).
    static func inline(_ text: String) -> String {
        escaping(withoutControls(text.replacingNewlines()), backslashed: inlinePunctuation)
    }

    /// What ``inline(_:)`` escapes with a backslash; `~` too, as GitHub-flavoured Markdown
    /// strikes through `~~text~~`.
    private static let inlinePunctuation: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", ">", "#", "|", "~"]

    /// A table cell.
    static func cell(_ text: String) -> String { inline(text) }

    /// A quoted note line (its control characters already replaced): the notes are Markdown, so
    /// their markup stays, but an `&` or `<` that could start an entity, HTML or an autolink
    /// (``MarkdownEntities``) is escaped so that a note cannot inject raw HTML into
    /// a rendered record, a link whose destination is not plainly safe loses its `]` and an
    /// image is shown as a link (``MarkdownLinkGuard``). Inside the code spans at `code` (``MarkdownCodeSpans``) all is
    /// literal: an entity there would be shown as typed, and no HTML or link starts there.
    static func escapeLine(_ scalars: [Unicode.Scalar], code: Set<Int>) -> String {
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case _ where code.contains(index): out.append(scalar)
            case "&" where MarkdownEntities.startsReference(scalars, at: index): out.append(contentsOf: "&amp;".unicodeScalars)
            case "<" where MarkdownEntities.startsMarkup(scalars, at: index): out.append(contentsOf: "&lt;".unicodeScalars)
            // An entity never acts as markup, whatever backslashes the note put before it.
            case "]" where MarkdownLinkGuard.opensUnsafeDestination(scalars, closingBracketAt: index):
                out.append(contentsOf: "&#93;".unicodeScalars)
            case "!" where MarkdownLinkGuard.opensImage(scalars, exclamationAt: index, code: code):
                out.append(contentsOf: "&#33;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` with each `&` or `<` that could start an entity or markup (``MarkdownEntities``) as
    /// an entity and each of `backslashed` after a backslash. Scalar
    /// by scalar, not Character by Character: `|` or `*` followed by a combining mark is one
    /// Character that is neither, but a Markdown parser still sees the `|` or `*`.
    private static func escaping(_ text: String, backslashed: Set<Unicode.Scalar>) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&" where MarkdownEntities.startsReference(scalars, at: index): out.append(contentsOf: "&amp;".unicodeScalars)
            case "<" where MarkdownEntities.startsMarkup(scalars, at: index): out.append(contentsOf: "&lt;".unicodeScalars)
            case _ where backslashed.contains(scalar): out.append("\\"); out.append(scalar)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// `text` with each control character (NUL, ESC, DEL, the C1 controls…) and noncharacter
    /// replaced by U+FFFD, as ``HTMLText/escape(_:)`` does: CommonMark replaces NUL itself, and
    /// ESC or U+009B would drive a terminal the record is printed to. Direction controls left
    /// open are closed where their line ends (``DirectionControls``).
    static func withoutControls(_ text: String) -> String {
        let text = DirectionControls.balanced(text)
        guard text.unicodeScalars.contains(where: \.isUnfitForRecordText) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(scalar.isUnfitForRecordText ? "\u{FFFD}" : scalar)
        }
        return String(out)
    }

    /// A text bar of up to 20 blocks for a share.
    static func bar(_ share: Double) -> String {
        String(repeating: "█", count: Int((share * 20).rounded()))
    }
}
