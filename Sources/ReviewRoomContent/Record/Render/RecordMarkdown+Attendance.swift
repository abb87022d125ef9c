extension RecordMarkdown {
    /// The attendance section: who joined online, when, and for how long in all; nothing when
    /// the record does not know attendance.
    static func attendance(_ record: ReviewRecord) -> [String] {
        guard let note = record.attendanceNote else { return [] }
        var out = ["## Attendance", "", "| Person | Role | Attended | Online | Time online |", "|---|---|---|---|---|"]
        let times = RecordText.stretchTimes(record)
        for person in record.participants {
            out.append("| \(cell(RecordText.isolated(person.name))) | \(cell(RecordText.roleNote(person))) | \(RecordText.attended(person) ?? "—") | "
                       + "\(RecordText.stretches(person, of: record, times: times)) | \(RecordText.online(person)) |")
        }
        if record.participants.isEmpty { out.append("| nobody was invited | | | | |") }
        out.append("")
        out.append(inline(RecordText.stretchesNote(record) + " " + note))
        out.append("")
        return out
    }
}
