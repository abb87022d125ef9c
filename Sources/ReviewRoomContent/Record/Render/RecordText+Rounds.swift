extension RecordText {
    /// A round's entry: "2026-12-01 09:43 GMT, 1 min each: Asha passed after 20 s; Raj 1 min; Ben
    /// 1 min, not online. No turn: Olu. Stopped early." (a draft: "Still to come: Olu.") Each turn as taken, so the workshop sees
    /// who spoke how long, who passed, whose turn ran while they were offline and who never had
    /// one. `escape` makes a piece of session text safe for the format.
    static func round(_ round: RecordRound, escape: (String) -> String) -> String {
        let turns = round.turns.map { turn in
            let name = escape(isolated(turn.person.name))
            var text: String
            if let seconds = turn.seconds {
                text = turn.passed ? (seconds.rounded() > 0 ? "\(name) passed after \(duration(seconds))" : "\(name) passed")
                    : "\(name) \(duration(seconds))"
            } else {
                text = "\(name) speaking when the record was made"
            }
            if turn.online == false { text += ", not online" }
            return text
        }
        var out = "\(escape(round.startedAtLocal)), \(duration(round.secondsEach)) each: "
            + (turns.isEmpty ? "no turns" : turns.joined(separator: "; ")) + "."
        let missed = round.withoutTurn
        if !missed.isEmpty {
            out += (round.endedAt == nil ? " Still to come: " : " No turn: ")
                + missed.map { escape(isolated($0.name)) }.joined(separator: ", ") + "."
        }
        return out + round.closingSentence
    }

    /// Said under the speaking time when round turns ran while their person was not online:
    /// those turns count as speaking time, as the floor counted them live.
    static func offlineTurnsNote(_ record: ReviewRecord, escape: (String) -> String) -> String? {
        let offline = record.rounds.flatMap(\.turns).filter { $0.online == false && ($0.seconds ?? 0).rounded() > 0 }
        guard !offline.isEmpty else { return nil }
        let turns = offline.map { "\(escape(isolated($0.person.name))) \(duration($0.seconds ?? 0))" }
        return "These times include round turns taken while the person was not online: \(turns.joined(separator: ", "))."
    }
}
