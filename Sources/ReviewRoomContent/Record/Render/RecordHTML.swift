/// The HTML record: one self-contained, printable HTML5 page (inline CSS and SVG, no scripts,
/// no external assets); every piece of session text is escaped.
public enum RecordHTML {
    /// A `Content-Security-Policy` for serving the record file elsewhere: the daemon's usual
    /// policy plus the hash of the record's stylesheet, so that its inline `<style>` applies
    /// (the daemon itself serves every HTML response with PROTOCOL §2's policy).
    public static let contentSecurityPolicy =
        "default-src 'self'; style-src 'self' \(RecordStyle.cspHash); frame-ancestors 'none'"

    /// The whole page.
    static func render(_ record: ReviewRecord) -> String {
        let e = HTMLText.escape
        let s = record.session
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\">")
        h.append("<head>")
        h.append("<meta charset=\"utf-8\">")
        h.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        h.append("<title>\(s.recordHeading): \(e(s.title))</title>")
        h.append("<style>\(RecordStyle.css)</style>")
        h.append(RecordStyle.linkElement)
        h.append("</head>")
        h.append("<body>")
        h.append("<main>")
        h.append("<header id=\"facts\">")
        h.append("<h1>\(s.recordHeading): \(e(s.title))</h1>")
        if record.draft {
            h.append("<p class=\"draft\" id=\"draft\">Draft: the session has not ended; this record may still change.</p>")
        }
        h.append("<dl class=\"facts\">")
        h.append("<dt>Host school</dt><dd>\(e(s.hostSchool))</dd>")
        h.append("<dt>Enquiry focus</dt><dd>\(e(s.focus))</dd>")
        h.append("<dt>Planned start</dt><dd>\(e(s.startsAtLocal)) (\(e(s.timeZone)))</dd>")
        if let follows = s.follows {
            h.append("<dt>Follows</dt><dd>\(e(RecordText.isolated(follows.title))), \(e(follows.startsAtLocal))</dd>")
        }
        if let ran = RecordText.ran(record) { h.append("<dt>Ran</dt><dd>\(e(ran))</dd>") }
        h.append("<dt>Status</dt><dd>\(e(s.status))</dd>")
        h.append("<dt>Participants</dt><dd>" + (record.participants.isEmpty ? "none" : record.participants.map {
            "<span class=\"person\($0.removed ? " removed" : "")\">\(e(RecordText.isolated($0.name))) (\(e(RecordText.roleNote($0))))</span>"
        }.joined(separator: ", ")) + "</dd>")
        h.append("<dt>Record as of</dt><dd>\(e(record.generatedAtLocal))</dd>")
        if let note = record.timeZoneNote { h.append("<dt>Note</dt><dd>\(e(note))</dd>") }
        h.append("</dl>")
        h.append("</header>")
        h.append(contentsOf: attendance(record))

        h.append(contentsOf: agenda(record))
        h.append("<section id=\"actions\">")
        h.append("<h2>Actions</h2>")
        h.append(contentsOf: note(record.actions, empty: "No actions were written."))
        h.append("</section>")

        h.append(contentsOf: questions(record))

        h.append("<section id=\"notes\">")
        h.append("<h2>Notes</h2>")
        for n in record.notesBesideActions {
            h.append("<article id=\"note-\(e(n.id))\">")
            h.append("<h3>\(e(n.title))</h3>")
            h.append(contentsOf: note(n, empty: "(empty)"))
            h.append("</article>")
        }
        h.append("</section>")

        h.append(contentsOf: speaking(record))
        h.append(contentsOf: rounds(record))

        h.append("<section id=\"phrases\">")
        h.append("<h2>Phrases to revisit</h2>")
        if let note = record.phrasesNote { h.append("<p>\(e(note))</p>") } else if record.phrasesToRevisit.isEmpty {
            h.append("<p>None.</p>")
        } else {
            h.append(tableRegion("Phrases to revisit") + "<table><thead><tr><th scope=\"col\">Phrase</th><th scope=\"col\">Note</th>"
                     + "<th scope=\"col\">Line</th><th scope=\"col\">Consider</th></tr></thead><tbody>")
            for p in record.phrasesToRevisit {
                h.append("<tr><th scope=\"row\"><strong>\(e(p.phrase))</strong></th><td>\(e(p.noteTitle))</td>"
                         + "<td>\(e(p.context))</td><td>\(e(p.suggestion))</td></tr>")
            }
            h.append("</tbody></table>" + tableRegionEnd)
        }
        h.append("</section>")

        h.append("<section id=\"log\">")
        h.append("<h2>Facilitator's log</h2>")
        h.append("<p class=\"muted\">Times in \(e(record.displayTimeZone)).</p>")
        if record.log.isEmpty { h.append("<p>Nothing logged.</p>") } else {
            h.append(tableRegion("Facilitator's log") + "<table><thead><tr><th scope=\"col\">Time</th><th scope=\"col\">What happened</th>"
                     + "<th scope=\"col\">By</th></tr></thead><tbody>")
            for (entry, time) in zip(record.log, RecordText.logTimes(record)) {
                h.append("<tr><th scope=\"row\" class=\"num\">\(e(time))</th><td>\(e(entry.text))</td><td>\(e(entry.by ?? ""))</td></tr>")
            }
            h.append("</tbody></table>" + tableRegionEnd)
        }
        h.append("</section>")
        h.append("</main>")
        h.append("</body>")
        if let header = h.firstIndex(of: "</header>") { h.insert(contents(of: h), at: header + 1) }
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    /// A list of links to the record's sections, in their order (each `<section id>` and the `<h2>`
    /// after it): on a phone the record is some 9,500 px long, and a host's audit found no way to
    /// its notes but scrolling. Not printed.
    static func contents(of lines: [String]) -> String {
        let opening = "<section id=\""
        let links = lines.indices.dropLast().compactMap { index -> String? in
            let line = lines[index], next = lines[index + 1]
            guard line.hasPrefix(opening), line.hasSuffix("\">"), next.hasPrefix("<h2>"), next.hasSuffix("</h2>") else { return nil }
            let id = line.dropFirst(opening.count).dropLast(2)
            return "<li><a href=\"#\(id)\">\(next.dropFirst(4).dropLast(5))</a></li>"
        }
        return "<nav class=\"contents\" aria-labelledby=\"contents-heading\"><h2 id=\"contents-heading\">Contents</h2><ol>"
            + links.joined() + "</ol></nav>"
    }

    /// A Due, Started or Ended cell's text, escaped: a date given whole with its time (an agenda
    /// across midnight, ``AgendaTimeColumns``) may go on two lines, date and time each kept whole
    /// (`.whole`): printed at A4 width "2026-12-06" broke at its hyphens, four lines a cell.
    static func timeCell(_ text: String) -> String {
        guard let parts = AgendaTimeColumns.parts(text) else { return HTMLText.escape(text) }
        return "<span class=\"whole\">\(HTMLText.escape(parts.date))</span> "
            + "<span class=\"whole\">\(HTMLText.escape(parts.time + " " + parts.zone))</span>"
    }

    private static func agenda(_ record: ReviewRecord) -> [String] {
        let e = HTMLText.escape
        let times = record.agendaTimeColumns
        var h = ["<section id=\"agenda\">", "<h2>Agenda: planned and as run</h2>"]
        if let shared = times.shared { h.append("<p class=\"muted\">Times are on \(e(shared)).</p>") }
        h += [tableRegion("Agenda: planned and as run") + "<table><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Phase</th><th scope=\"col\">Planned</th>"
                 + "<th scope=\"col\">Actual</th><th scope=\"col\">Difference</th><th scope=\"col\">Extended</th>"
                 + "<th scope=\"col\">Overtime</th><th scope=\"col\">Due</th><th scope=\"col\">Started</th><th scope=\"col\">Ended</th></tr></thead><tbody>"]
        for p in record.agenda {
            let extended = p.runs.reduce(0) { $0 + $1.extendedSec }
            let overtime = p.runs.reduce(0) { $0 + $1.overtimeSec }
            let started = p.runs.first.map { timeCell(times.cell($0.startedAtLocal)) } ?? "—"
            let ended = p.runs.last.map { $0.current ? "running" : timeCell(times.cell($0.endedAtLocal)) } ?? "—"
            let purpose = p.purpose.map { "<br><span class=\"muted\">\(e($0))</span>" } ?? ""
            // A phase visited again lists its visits, as the Markdown does, not just the sums.
            let visits = p.runs.count < 2 ? "" : "<br><span class=\"muted\">" + p.runs.enumerated().map { number, run in
                (["visit \(number + 1) from \(e(run.startedAtLocal))", "ran \(RecordText.duration(run.actualSec))"]
                    + RecordText.visitChanges(extendedSec: run.extendedSec, overtimeSec: run.overtimeSec)).joined(separator: ", ")
            }.joined(separator: "; ") + "</span>"
            h.append("<tr id=\"phase-\(p.index + 1)\"><td class=\"num\">\(p.index + 1)</td><th scope=\"row\">\(e(p.title))\(purpose)\(visits)</th>"
                     + "<td class=\"num\">\(RecordText.duration(p.plannedSec))</td>"
                     + "<td class=\"num\">\(p.runs.isEmpty ? "—" : RecordText.duration(p.actualSec))</td>"
                     + "<td class=\"num\">\(p.differenceSec.map(RecordText.signedDuration) ?? "not run")</td>"
                     + "<td class=\"num\">\(p.runs.isEmpty ? "—" : RecordText.signedDuration(extended))</td>"
                     + "<td class=\"num\">\(p.runs.isEmpty ? "—" : RecordText.duration(overtime))</td>"
                     + "<td class=\"time\">\(timeCell(times.cell(p.dueAtLocal)))</td><td class=\"time\">\(started)</td><td class=\"time\">\(ended)</td></tr>")
        }
        h.append("</tbody><tfoot><tr><th scope=\"row\" colspan=\"2\">Total</th>"
                 + "<td class=\"num\">\(RecordText.duration(record.plannedSec))</td>"
                 + "<td class=\"num\">\(RecordText.duration(record.actualSec))</td>"
                 + "<td class=\"num\">\(RecordText.totalDifference(record))</td>"
                 + "<td colspan=\"5\"></td></tr></tfoot></table>" + tableRegionEnd)
        if let paused = RecordText.pausedNote(record) { h.append("<p class=\"muted\">\(e(paused))</p>") }
        h.append("</section>")
        return h
    }

    private static func note(_ note: RecordNote?, empty: String) -> [String] {
        let e = HTMLText.escape
        guard let note, !note.text.isEmpty else { return ["<p class=\"muted\">\(e(empty))</p>"] }
        let spans = note.passages.indices.map { index in
            let passage = note.passages[index]
            // A CRLF split between two authors' passages is one line break, not two.
            let next = note.passages.indices.contains(index + 1) ? note.passages[index + 1].text : ""
            let text = passage.text.unicodeScalars.last == "\r" && next.unicodeScalars.first == "\n"
                ? String(passage.text.unicodeScalars.dropLast()) : passage.text
            return "<span class=\"passage\" title=\"\(e(passage.authorName))\">\(e(text))</span>"
        }
        var h = ["<div class=\"note-text\">" + spans.joined() + "</div>"]
        h.append("<p class=\"muted\">Written by \(e(note.authors.map(RecordText.isolated).joined(separator: ", "))).</p>")
        // Every passage again: behind a closed disclosure, so a screen reader reads the note once
        // and whoever wants who-wrote-what opens it.
        let passages = note.passages.count == 1 ? "1 passage" : "\(note.passages.count) passages"
        // Named after its note: five "Who wrote each passage" in a row told a screen reader's list
        // of controls nothing of which note each opens (a host's audit).
        h.append("<details class=\"authorship-details\"><summary>Who wrote each passage of \(e(note.title)) (\(passages))</summary>")
        h.append(tableRegion("Authors of \(note.title)") + "<table class=\"authorship\"><thead><tr><th scope=\"col\">Author</th><th scope=\"col\">Passage</th>"
                 + "</tr></thead><tbody>")
        for passage in note.passages {
            let text = RecordText.blankPassage(passage.text).map { "<span class=\"muted\">\(e($0))</span>" }
                ?? e(passage.text)
            h.append("<tr><th scope=\"row\">\(e(passage.authorName))</th><td>\(text)</td></tr>")
        }
        h.append("</tbody></table>" + tableRegionEnd + "</details>")
        return h
    }

    private static func speaking(_ record: ReviewRecord) -> [String] {
        let e = HTMLText.escape
        var h = ["<section id=\"speaking\">", "<h2>Speaking time</h2>",
                 tableRegion("Speaking time per person") + "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Role</th><th scope=\"col\">Time</th>"
                 + "<th scope=\"col\">Share</th></tr></thead><tbody>"]
        for p in record.speaking.people {
            h.append("<tr><th scope=\"row\">\(e(RecordText.isolated(p.name)))</th><td>\(e(RecordText.roleNote(p)))</td><td class=\"num\">\(RecordText.duration(p.seconds))</td>"
                     + "<td class=\"num\">\(RecordText.percent(record.speaking.exactShare(of: p.seconds)))</td></tr>")
        }
        h.append("</tbody></table>" + tableRegionEnd)
        h.append(chart(record.speaking.people.map { (RecordText.isolated($0.name), $0.seconds, record.speaking.exactShare(of: $0.seconds)) },
                       title: "Speaking time per person"))
        h.append(tableRegion("Speaking time per group") + "<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">People</th><th scope=\"col\">Time</th>"
                 + "<th scope=\"col\">Share</th></tr></thead><tbody>")
        for g in record.speaking.groups {
            h.append("<tr><th scope=\"row\">\(e(g.label))</th><td class=\"num\">\(g.people)</td><td class=\"num\">\(RecordText.duration(g.seconds))</td>"
                     + "<td class=\"num\">\(RecordText.percent(record.speaking.exactShare(of: g.seconds)))</td></tr>")
        }
        h.append("</tbody></table>" + tableRegionEnd)
        h.append(chart(record.speaking.groups.map { ($0.label, $0.seconds, record.speaking.exactShare(of: $0.seconds)) }, title: "Speaking time per group"))
        if let note = RecordText.offlineTurnsNote(record, escape: e) { h.append("<p>\(note)</p>") }
        h.append("</section>")
        return h
    }

    /// Opens the region a table sits in (closed by ``tableRegionEnd``): at 320 CSS px a wide
    /// table scrolls sideways inside it rather than the whole page (WCAG 1.4.10 Reflow). It is
    /// focusable, so the keyboard can scroll it, and named after its table.
    static func tableRegion(_ label: String) -> String {
        "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLText.escape(label))\">"
    }

    static let tableRegionEnd = "</div>"

    /// A horizontal bar chart as inline SVG (presentation attributes only, no CSS needed).
    static func chart(_ rows: [(label: String, seconds: Double, share: Double)], title: String) -> String {
        let e = HTMLText.escape
        let rowHeight = 24, labelWidth = 180, barWidth = 360
        let height = max(1, rows.count) * rowHeight + 8
        let longest = rows.map(\.seconds).max() ?? 0
        var svg = "<svg class=\"chart\" role=\"img\" aria-label=\"\(e(title))\" xmlns=\"http://www.w3.org/2000/svg\" "
            + "width=\"\(labelWidth + barWidth + 90)\" height=\"\(height)\" viewBox=\"0 0 \(labelWidth + barWidth + 90) \(height)\">"
            + "<title>\(e(title))</title>"
        for (index, row) in rows.enumerated() {
            let y = 4 + index * rowHeight
            let width = longest > 0 ? Int((row.seconds / longest * Double(barWidth)).rounded()) : 0
            svg += "<text x=\"0\" y=\"\(y + 16)\" fill=\"#1d1d1f\">\(e(chartLabel(row.label)))</text>"
                + "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 8)\" fill=\"#2d5f8b\"></rect>"
                + "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 16)\" fill=\"#1d1d1f\">"
                + "\(RecordText.duration(row.seconds)) (\(RecordText.percent(row.share)))</text>"
        }
        return svg + "</svg>"
    }

    /// A chart label that fits before the bars (180 px at 12 px): a longer name is cut with
    /// "…" rather than run under its bar; the table above the chart has it whole.
    static func chartLabel(_ label: String) -> String {
        let oneLine = label.replacingNewlines()
        return oneLine.count > 26 ? String(oneLine.prefix(25)) + "…" : oneLine
    }

    private static func rounds(_ record: ReviewRecord) -> [String] {
        let e = HTMLText.escape
        var h = ["<section id=\"rounds\">", "<h2>Rounds</h2>"]
        if record.rounds.isEmpty {
            h.append("<p>No rounds.</p>")
            h.append("</section>")
            return h
        }
        h.append("<ol>")
        for round in record.rounds {
            h.append("<li>\(RecordText.round(round, escape: e))</li>")
        }
        h.append("</ol>")
        h.append("</section>")
        return h
    }
}
