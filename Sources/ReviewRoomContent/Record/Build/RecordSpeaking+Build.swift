import ReviewRoomCore

extension RecordSpeaking {
    /// Speaking time from the floor's totals, counting an unfinished turn up to `now` as
    /// ending it would: without the time the clock was paused (a break is nobody's turn).
    init(state: SessionState, now: Timestamp, names: RecordNames) {
        var spokenMs = state.floor.spokenMs
        if state.clock.status.isUnderway, let speaker = state.floor.speaker, let since = state.floor.since {
            let turnMs = max(0, now.millisecondsSince1970 - since.millisecondsSince1970)
            spokenMs[speaker, default: 0] += max(0, turnMs - state.pausedMs(inTurnUntil: now))
        }
        var ids = state.participants.filter { $0.role.canSpeak }.map(\.id)
        ids += spokenMs.keys.filter { !ids.contains($0) }.sorted()
        let totalMs = spokenMs.values.reduce(0, +)
        func share(_ ms: Int64) -> Double { totalMs > 0 ? RecordText.seconds(Double(ms) / Double(totalMs)) : 0 }
        let people: [RecordSpeaker] = ids.map { id in
            let person = names.person(id)
            let ms = spokenMs[id] ?? 0
            return RecordSpeaker(id: id, name: person.name, role: person.role, seconds: Double(ms) / 1000, share: share(ms),
                                 removed: person.removed ? true : nil)
        }
        let labels = [("facilitator", "Facilitators"), ("host", "Host school"), ("reviewer", "Reviewers"),
                      ("unknown", "Former participants")]
        let groups: [RecordGroupTime] = labels.compactMap { role, label in
            let members = people.filter { $0.role == role }
            guard !members.isEmpty else { return nil }
            let ms = members.reduce(Int64(0)) { $0 + (spokenMs[$1.id] ?? 0) }
            return RecordGroupTime(group: role, label: label, people: members.count, seconds: Double(ms) / 1000,
                                   share: share(ms))
        }
        self.init(people: people, groups: groups, totalSec: Double(totalMs) / 1000)
    }
}
