extension RecordHTML {
    /// The questions section: a numbered list (the workshop says "question 3"), each question
    /// with its state and, beneath it, each stretch it was on screen and who had the floor.
    static func questions(_ record: ReviewRecord) -> [String] {
        let e = HTMLText.escape
        var h = ["<section id=\"questions\">", "<h2>Enquiry questions</h2>"]
        guard !record.questions.isEmpty else { return h + ["<p>No questions.</p>", "</section>"] }
        if let note = RecordText.showingsNote(record) { h.append("<p class=\"muted\">\(e(note))</p>") }
        let times = RecordText.stretchTimes(record)
        h.append("<ol class=\"questions\">")
        for q in record.questions {
            var item = "<li id=\"question-\(q.number)\"\(q.discussed ? " class=\"discussed\"" : "")>\(e(q.text)) "
                + "<span class=\"muted\">(\(RecordText.questionState(q, escape: e)))</span>"
            if !q.showings.isEmpty {
                item += "<ul class=\"showings\">" + q.showings.map {
                    "<li>\(RecordText.showing($0, of: record, times: times, escape: e))</li>"
                }.joined() + "</ul>"
            }
            h.append(item + "</li>")
        }
        h += ["</ol>", "</section>"]
        return h
    }
}
