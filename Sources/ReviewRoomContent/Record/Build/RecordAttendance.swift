import ReviewRoomCore

/// Attendance figures per participant from the input's online intervals (pure).
///
/// Intervals are cut at `cutoff` (the session's end, or when a draft is made) and ones that
/// begin after it are left out, so that a final record stays the same bytes when someone
/// opens the ended session later. Overlapping intervals count once. A recovered interval makes
/// the figure a lower bound only when it ended before `cutoff` (one closed at or after the end
/// lost nothing the record counts, and a final record keeps its bytes across a restart).
struct RecordAttendance {
    /// One participant's figures.
    struct Figures {
        var firstJoinedAt: Timestamp
        var seconds: Double
        var lowerBound: Bool
    }

    let figures: [String: Figures]

    init(_ intervals: [RecordOnlineInterval], cutoff: Timestamp) {
        var result: [String: Figures] = [:]
        let byPerson = Dictionary(grouping: intervals.filter { $0.joinedAt <= cutoff }, by: \.participant)
        for (participant, list) in byPerson {
            let sorted = list.sorted { $0.joinedAt < $1.joinedAt }
            guard let first = sorted.first else { continue }
            var milliseconds: Int64 = 0
            var open: (start: Int64, end: Int64)?
            for interval in sorted {
                let start = interval.joinedAt.millisecondsSince1970
                let end = max(start, min((interval.leftAt ?? cutoff).millisecondsSince1970, cutoff.millisecondsSince1970))
                if let current = open, start <= current.end {
                    open = (current.start, max(current.end, end))
                } else {
                    if let current = open { milliseconds += current.end - current.start }
                    open = (start, end)
                }
            }
            if let current = open { milliseconds += current.end - current.start }
            result[participant] = Figures(firstJoinedAt: first.joinedAt, seconds: Double(milliseconds) / 1000,
                                          lowerBound: sorted.contains { $0.recovered && ($0.leftAt ?? cutoff) < cutoff })
        }
        figures = result
    }

    /// `people` with their attendance filled in.
    func apply(to people: [RecordPerson], times: RecordTimeFormatter) -> [RecordPerson] {
        people.map { person in
            var person = person
            if let figures = figures[person.id] {
                person.attended = true
                person.firstJoinedAt = figures.firstJoinedAt
                person.firstJoinedAtLocal = times.dateTime(figures.firstJoinedAt)
                person.onlineSec = RecordText.seconds(figures.seconds)
                person.onlineSecIsLowerBound = figures.lowerBound ? true : nil
            } else {
                person.attended = false
                person.onlineSec = 0
            }
            return person
        }
    }

    /// What the figures mean, naming the people whose time online is a lower bound.
    static func note(_ people: [RecordPerson]) -> String {
        // It said time online "runs from a person's first connection to their last", which reads as
        // one span; it is the sum of the spells online.
        var text = "Attended means joined online with a device at some point, the lobby before the start included; "
            + "time online adds up the spells a person was connected (several tabs at once count once), up to the end "
            + "of the session (for a draft, up to the record's time). People taking part in the room "
            + "without a device of their own show as “did not join online”."
        let cut = people.filter { $0.onlineSecIsLowerBound == true }.map(\.name)
        if !cut.isEmpty {
            text += " The server stopped without recording when \(cut.joined(separator: ", ")) went offline: "
                + "their time online ends at the last sign of them online before that (the session's last recorded change, "
                + "or the server's once-a-minute check), so it may have been longer."
        }
        return text
    }
}
