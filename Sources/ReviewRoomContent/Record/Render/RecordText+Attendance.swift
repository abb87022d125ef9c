extension RecordText {
    /// The Attended cell of a person: `yes`, `did not join online`, or nil when the record
    /// does not know.
    static func attended(_ person: RecordPerson) -> String? {
        person.attended.map { $0 ? "yes" : "did not join online" }
    }

    /// Their time online: `1:02:03`, `at least 12:00` when cut short by a server stop, `—`
    /// when they never joined.
    static func online(_ person: RecordPerson) -> String {
        guard person.attended == true, let seconds = person.onlineSec else { return "—" }
        return (person.onlineSecIsLowerBound == true ? "at least " : "") + clock(seconds)
    }
}
