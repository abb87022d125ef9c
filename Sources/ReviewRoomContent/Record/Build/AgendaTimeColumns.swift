/// The agenda table's Due, Started and Ended cells, which repeat the date and the zone's name on
/// every row ("2026-12-06 09:17 GMT+11"): when every one of them is on the same date in the
/// same zone name, the cells give the time alone and one line above the table gives the date
/// and the zone. A record audit found the table three screens long at 1366 px and the printed
/// cells broken into "2026- / 12-06 / 09:17 / GMT+1 / 1". Cells on another date or zone name (a
/// review across midnight or a clock change) keep the whole text, and then so do all of them.
struct AgendaTimeColumns {
    /// "2026-12-06, GMT+11" when the cells share them, else nil.
    let shared: String?
    private let prefix: String
    private let suffix: String

    /// Reads the cells the table will show (`"—"`, `"running"` and the like are not times).
    init(_ cells: [String]) {
        let parts = cells.compactMap(Self.parts)
        if let first = parts.first, parts.allSatisfy({ $0.date == first.date && $0.zone == first.zone }) {
            shared = "\(first.date), \(first.zone)"
            prefix = first.date + " "
            suffix = " " + first.zone
        } else {
            shared = nil
            prefix = ""
            suffix = ""
        }
    }

    /// The cell as shown: its time alone when the date and zone are ``shared``.
    func cell(_ text: String) -> String {
        guard shared != nil, Self.parts(text) != nil else { return text }
        return String(text.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// `(date, time, zone)` of "2026-12-06 09:17 GMT+11"; nil for anything else.
    static func parts(_ text: String) -> (date: String, time: String, zone: String)? {
        let pieces = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count >= 10, pieces[0].contains("-"), pieces[1].contains(":") else { return nil }
        return (String(pieces[0]), String(pieces[1]), String(pieces[2]))
    }
}

extension ReviewRecord {
    /// The agenda table's time cells (Due, the first Started, the last Ended), read together.
    var agendaTimeColumns: AgendaTimeColumns {
        AgendaTimeColumns(agenda.flatMap { phase in
            [phase.dueAtLocal] + (phase.runs.first.map { [$0.startedAtLocal] } ?? [])
                + (phase.runs.last.map { $0.current ? [] : [$0.endedAtLocal] } ?? [])
        })
    }
}
