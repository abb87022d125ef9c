extension RecordMarkdown {
    /// The attendance section: who joined online, when first, and for how long; nothing when
    /// the record does not know attendance.
    static func attendance(_ record: ReviewRecord) -> [String] {
        guard let note = record.attendanceNote else { return [] }
        var out = ["## Attendance", "", "| Person | Role | Attended | First joined | Time online |", "|---|---|---|---|---|"]
        for person in record.participants {
            out.append("| \(cell(RecordText.isolated(person.name))) | \(cell(RecordText.roleNote(person))) | \(RecordText.attended(person) ?? "—") | "
                       + "\(person.firstJoinedAtLocal ?? "—") | \(RecordText.online(person)) |")
        }
        if record.participants.isEmpty { out.append("| nobody was invited | | | | |") }
        out.append("")
        out.append(inline(note))
        out.append("")
        return out
    }
}
