import ReviewRoomCore

/// Attendance figures per participant from the input's online intervals (pure).
///
/// Intervals are cut at `cutoff` (the session's end, or when a draft is made) and ones that
/// begin after it are left out, so that a final record stays the same bytes when someone
/// opens the ended session later. Overlapping intervals count once. A recovered interval makes
/// the figure a lower bound only when it ended before `cutoff` (one closed at or after the end
/// lost nothing the record counts, and a final record keeps its bytes across a restart).
struct RecordAttendance {
    /// One stretch online, in milliseconds since 1970.
    struct Spell {
        var from: Int64
        var to: Int64
        /// Still online at the cutoff.
        var untilEnd: Bool
        /// Ended by a server that stopped without recording when they went offline.
        var cutShort: Bool
    }

    /// One participant's figures.
    struct Figures {
        var firstJoinedAt: Timestamp
        var seconds: Double
        var lowerBound: Bool
        var spells: [Spell]
    }

    /// A stop of the server, before the cutoff, with people online.
    struct Stop {
        var lastRecordedAt: Timestamp
        var runningAgainAt: Timestamp?
        var online: Set<String>
    }

    let figures: [String: Figures]
    /// The server's stops, in order.
    let stops: [Stop]

    init(_ intervals: [RecordOnlineInterval], cutoff: Timestamp) {
        let counted = intervals.filter { $0.joinedAt <= cutoff }
        var result: [String: Figures] = [:]
        for (participant, list) in Dictionary(grouping: counted, by: \.participant) {
            let sorted = list.sorted { $0.joinedAt < $1.joinedAt }
            guard let first = sorted.first else { continue }
            let spells = Self.spells(sorted, cutoff: cutoff)
            let milliseconds = spells.reduce(Int64(0)) { $0 + $1.to - $1.from }
            result[participant] = Figures(firstJoinedAt: first.joinedAt, seconds: Double(milliseconds) / 1000,
                                          lowerBound: spells.contains(where: \.cutShort), spells: spells)
        }
        figures = result
        stops = Self.stops(counted, cutoff: cutoff)
    }

    /// `sorted`'s intervals (one person's, by start) as stretches cut at `cutoff`, overlapping
    /// ones (tabs) merged.
    private static func spells(_ sorted: [RecordOnlineInterval], cutoff: Timestamp) -> [Spell] {
        let cut = cutoff.millisecondsSince1970
        var spells: [Spell] = []
        for interval in sorted {
            let start = interval.joinedAt.millisecondsSince1970
            let left = interval.leftAt?.millisecondsSince1970 ?? cut
            let spell = Spell(from: start, to: max(start, min(left, cut)), untilEnd: left >= cut,
                              cutShort: interval.recovered && left < cut)
            if let last = spells.last, start <= last.to {
                // The later end decides whether the merged stretch reached the cutoff or was cut short.
                if spell.to >= last.to { spells[spells.count - 1] = Spell(from: last.from, to: spell.to, untilEnd: spell.untilEnd, cutShort: spell.cutShort) }
            } else {
                spells.append(spell)
            }
        }
        return spells
    }

    /// The server's stops before `cutoff`: the recovered intervals closed by one run (the same
    /// recovery time; by their end when that is unknown), each ending at the latest of theirs.
    private static func stops(_ intervals: [RecordOnlineInterval], cutoff: Timestamp) -> [Stop] {
        let cut = intervals.filter { $0.recovered && ($0.leftAt ?? cutoff) < cutoff }
        let groups = Dictionary(grouping: cut) { $0.recoveredAt?.millisecondsSince1970 ?? -($0.leftAt ?? cutoff).millisecondsSince1970 }
        return groups.values.compactMap { group in
            guard let last = group.compactMap(\.leftAt).max() else { return nil }
            return Stop(lastRecordedAt: last, runningAgainAt: group.first?.recoveredAt, online: Set(group.map(\.participant)))
        }.sorted { ($0.lastRecordedAt, $0.runningAgainAt ?? $0.lastRecordedAt) < ($1.lastRecordedAt, $1.runningAgainAt ?? $1.lastRecordedAt) }
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
                person.online = figures.spells.map { spell in
                    let (from, to) = (Timestamp(millisecondsSince1970: spell.from), Timestamp(millisecondsSince1970: spell.to))
                    return RecordOnlineSpell(from: from, to: to, fromLocal: times.time(from), toLocal: times.time(to),
                                             untilEnd: spell.untilEnd ? true : nil, cutShort: spell.cutShort ? true : nil)
                }
            } else {
                person.attended = false
                person.onlineSec = 0
            }
            return person
        }
    }

    /// The stops as the record gives them, those online named in `people`'s order.
    func serverStops(_ people: [RecordPerson], times: RecordTimeFormatter) -> [RecordServerStop] {
        stops.map { stop in
            RecordServerStop(lastRecordedAt: stop.lastRecordedAt, lastRecordedAtLocal: times.time(stop.lastRecordedAt),
                             runningAgainAt: stop.runningAgainAt, runningAgainAtLocal: stop.runningAgainAt.map(times.time),
                             online: people.map(\.id).filter(stop.online.contains))
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
        let cut = people.filter { $0.onlineSecIsLowerBound == true }.map { RecordText.isolated($0.name) }
        if !cut.isEmpty {
            // It said the server "stopped without recording when they went offline", which read as
            // if they all left: they were online when the server stopped.
            text += " The server stopped without shutting down while \(cut.joined(separator: ", ")) "
                + "\(cut.count == 1 ? "was" : "were") online (see “Server stopped” in the facilitator's log): "
                + "their time online then ends at the last sign of them before the stop (the session's last recorded change, "
                + "or the server's once-a-minute check), so it may have been a little longer."
        }
        return text
    }
}
