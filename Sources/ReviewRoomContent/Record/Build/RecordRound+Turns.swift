import ReviewRoomCore

extension RecordRound {
    /// The round with each turn's `passed` read from ``passed`` and, when attendance is known
    /// (`people` with their online stretches), `online`: whether they were online at any moment
    /// of the turn (a running turn counts up to `now`).
    func withTurnsRead(people: [RecordPerson]?, now: Timestamp) -> RecordRound {
        var round = self
        for index in round.turns.indices {
            let turn = round.turns[index]
            round.turns[index].passed = passed.contains { $0.id == turn.person.id }
            guard let people else { continue }
            let end = turn.endedAt ?? now
            let spells = people.first { $0.id == turn.person.id }?.online ?? []
            round.turns[index].online = spells.contains { $0.from <= end && $0.to >= turn.startedAt }
        }
        return round
    }

    /// Everyone in the order who had no turn (the round stopped before them).
    var withoutTurn: [RecordPerson] {
        order.filter { person in !turns.contains { $0.person.id == person.id } }
    }
}
