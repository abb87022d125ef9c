extension RecordHTML {
    /// The attendance section: who joined online, when, and for how long in all; nothing when
    /// the record does not know attendance.
    static func attendance(_ record: ReviewRecord) -> [String] {
        guard let note = record.attendanceNote else { return [] }
        let e = HTMLText.escape
        var h = ["<section id=\"attendance\">", "<h2>Attendance</h2>",
                 tableRegion("Attendance") + "<table><thead><tr><th scope=\"col\">Person</th><th scope=\"col\">Role</th><th scope=\"col\">Attended</th>"
                 + "<th scope=\"col\">Online</th><th scope=\"col\">Time online</th></tr></thead><tbody>"]
        let times = RecordText.stretchTimes(record)
        for p in record.participants {
            h.append("<tr><th scope=\"row\">\(e(RecordText.isolated(p.name)))</th><td>\(e(RecordText.roleNote(p)))</td><td>\(e(RecordText.attended(p) ?? "—"))</td>"
                     + "<td>\(e(RecordText.stretches(p, of: record, times: times)))</td><td class=\"num\">\(e(RecordText.online(p)))</td></tr>")
        }
        h.append("</tbody></table>" + tableRegionEnd)
        h.append("<p class=\"muted\">\(e(RecordText.stretchesNote(record) + " " + note))</p>")
        h.append("</section>")
        return h
    }
}
