extension NoteBuffer {
    /// Who wrote each range of the current text, derived from the history: consecutive
    /// ranges by the same author are merged; text from before ``snapshotRevision`` has a nil author.
    public func authorship() -> [AuthorshipRun] {
        var numbers: [String: Int] = [:]
        var authors: [String] = []
        var runs = AuthorRuns(length: snapshotLength, author: -1)
        for entry in history {
            let number: Int
            if let known = numbers[entry.author] {
                number = known
            } else {
                number = authors.count
                numbers[entry.author] = number
                authors.append(entry.author)
            }
            runs.apply(entry.op, by: number)
        }
        var result: [AuthorshipRun] = []
        var start = 0
        for run in runs.runs {
            result.append(AuthorshipRun(range: start ..< start + run.length, author: run.author < 0 ? nil : authors[run.author]))
            start += run.length
        }
        return result
    }
}
