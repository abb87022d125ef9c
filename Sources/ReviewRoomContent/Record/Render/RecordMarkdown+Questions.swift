extension RecordMarkdown {
    /// The questions, numbered, each with the stretches it was on screen indented under it.
    static func questions(_ record: ReviewRecord) -> [String] {
        var out: [String] = []
        if let note = RecordText.showingsNote(record) {
            out.append(inline(note))
            out.append("")
        }
        let times = RecordText.stretchTimes(record)
        // A numbered list in words, no task boxes: pasted into a word processor, `- [x]` stays as
        // typed (a record audit). The text opens with a quotation mark, so no question's own
        // first characters ("2. …", "- …") can start a list of their own.
        for question in record.questions {
            let marker = "\(question.number). "
            out.append(marker + "“\(inline(question.text))” — " + RecordText.questionState(question, escape: inline))
            let indent = String(repeating: " ", count: marker.count)
            for showing in question.showings {
                out.append(indent + "- " + RecordText.showing(showing, of: record, times: times, escape: inline))
            }
        }
        return out
    }
}
