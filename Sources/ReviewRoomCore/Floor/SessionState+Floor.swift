extension SessionState {
    /// Longest timed turn or round turn, in seconds.
    static let maxTurnSec: Double = 3600

    func decideHandRaise(_ kind: HandKind, for target: String?, by sender: Participant,
                         at now: Timestamp) throws(CommandError) -> [EventBody] {
        let id = target ?? sender.id
        if id != sender.id, sender.role != .facilitator {
            throw .forbidden("\(sender.name) may raise only their own hand: raising one for \(QuotedID.quoted(id)) "
                + "is for a facilitator")
        }
        try requireSpeaker(id, "hand.raise")
        guard !floor.hasHand(id) else { return [] }
        var newFloor = floor
        newFloor.enqueue(Hand(participant: id, kind: kind, raisedAt: now))
        return [.floorChanged(newFloor)]
    }

    func decideHandLower(_ target: String?, by sender: Participant,
                         at now: Timestamp) throws(CommandError) -> [EventBody] {
        let id = target ?? sender.id
        if id != sender.id, sender.role != .facilitator {
            throw .forbidden("\(sender.name) may lower only their own hand: lowering \(QuotedID.quoted(id))s is for a facilitator")
        }
        guard participant(id) != nil else { throw .notFound("hand.lower: participant \(QuotedID.quoted(id)) is not in this session") }
        guard floor.hasHand(id) else { return [] }
        var newFloor = floor
        newFloor.queue.removeAll { $0.participant == id }
        return [.floorChanged(newFloor)]
    }

    func decideGrant(to id: String, turnSec: Double?, at now: Timestamp) throws(CommandError) -> [EventBody] {
        let turnMs = try turnLength(turnSec, "floor.grant turnSec")
        try requireSpeaker(id, "floor.grant")
        if floor.round != nil {
            throw .invalidState("floor.grant to \(QuotedID.quoted(id)) during a round: the round decides who speaks; "
                + "stop it with round.stop first, or move it on with floor.next")
        }
        var newFloor = floor
        if floor.speaker == id {
            // The same speaker keeps their turn; only a new turn length changes anything.
            guard let turnMs else { return [] }
            newFloor.turnEndsAt = Milliseconds.add(turnMs, to: now)
        } else {
            newFloor.give(to: id, at: now, turnMs: turnMs)
        }
        return newFloor == floor ? [] : [.floorChanged(newFloor)]
    }

    func decideFloorNext(turnSec: Double?, from meant: String? = nil, to meantNext: String? = nil,
                         at now: Timestamp) throws(CommandError) -> [EventBody] {
        let turnMs = try turnLength(turnSec, "floor.next turnSec")
        if let meant, meant != floor.speaker {
            let current = floor.speaker.map { "\(named($0)) has the floor now" } ?? "nobody has the floor now"
            throw .invalidState("floor.next was meant to move on from the turn of \(named(meant)), but \(current): nothing was changed")
        }
        var newFloor = floor
        if floor.round != nil {
            newFloor.advanceRound(at: now, passing: false)
        } else if let first = floor.queue.first {
            newFloor.give(to: first.participant, at: now, turnMs: turnMs)
        }
        // Meant for the person who already has it (the press and another landed together): the
        // same as that one, nothing changes.
        if let meantNext, meantNext != newFloor.speaker {
            let given = floor.round != nil || !floor.queue.isEmpty ? newFloor.speaker : nil
            let instead = given.map { "\(named($0)) would have it now" }
                ?? (floor.round != nil ? "the round would end now" : "no hand is up now")
            throw .invalidState("floor.next was meant to give the floor to \(named(meantNext)), but \(instead): nothing was changed")
        }
        return newFloor == floor ? [] : [.floorChanged(newFloor)]
    }

    func decideRelease(by sender: Participant, meant: String? = nil, at now: Timestamp) throws(CommandError) -> [EventBody] {
        guard floor.speaker == sender.id || sender.role == .facilitator else {
            throw .forbidden("\(sender.name) does not have the floor: only the speaker or a facilitator may release it")
        }
        guard let speaker = floor.speaker else { return [] }
        if let meant, meant != speaker {
            throw .invalidState("floor.release was meant for the turn of \(named(meant)), but \(named(speaker)) "
                + "has the floor now: nothing was changed")
        }
        var newFloor = floor
        if floor.round != nil {
            newFloor.advanceRound(at: now, passing: false)
        } else {
            newFloor.endTurn(at: now)
        }
        return [.floorChanged(newFloor)]
    }

    /// A participant as an error message names them: "Asha ('p_…')", or the bare id if unknown.
    private func named(_ id: String) -> String {
        participant(id).map { "\($0.name) (\(QuotedID.quoted(id)))" } ?? QuotedID.quoted(id)
    }

    func decideRoundStart(order: [String]?, secondsEach: Double, at now: Timestamp) throws(CommandError) -> [EventBody] {
        let turnMs = try requiredTurnLength(secondsEach, "round.start secondsEach")
        if let order {
            // Values before state (SessionRules, "Order of checks"): an empty order is bad_request
            // also while a round is in progress. Each entry is checked in turn, twice before unknown.
            guard !order.isEmpty else { throw .badRequest("round.start order is empty: name at least one participant") }
            var seen = Set<String>()
            for id in order {
                guard seen.insert(id).inserted else {
                    throw .badRequest("round.start order names \(QuotedID.quoted(id)) twice: everyone speaks once per round")
                }
                try requireSpeaker(id, "round.start")
            }
        }
        guard floor.round == nil else {
            throw .invalidState("round.start while a round is in progress: stop it first with round.stop")
        }
        let speakers = order ?? defaultRoundOrder
        guard let first = speakers.first else {
            throw .invalidState("round.start: the session has no reviewers or hosts to take part")
        }
        var newFloor = floor
        newFloor.give(to: first, at: now, turnMs: turnMs)
        newFloor.round = Round(order: speakers, index: 0, secondsEach: Milliseconds.seconds(turnMs))
        return [.floorChanged(newFloor)]
    }

    func decideRoundPass(by sender: Participant, at now: Timestamp) throws(CommandError) -> [EventBody] {
        // PROTOCOL §3.2: only the round's current speaker may pass; with no round there is
        // none, so everyone is "anyone else" (as `floor.release` with nobody speaking).
        guard floor.round != nil else {
            throw .forbidden("\(sender.name) cannot pass: no round is in progress, so it is nobody's turn")
        }
        guard floor.speaker == sender.id else {
            throw .forbidden("\(sender.name) cannot pass: it is not their turn in the round")
        }
        var newFloor = floor
        newFloor.advanceRound(at: now, passing: true)
        return [.floorChanged(newFloor)]
    }

    func decideRoundStop(at now: Timestamp) throws(CommandError) -> [EventBody] {
        guard floor.round != nil else { return [] }
        var newFloor = floor
        newFloor.endTurn(at: now)
        newFloor.round = nil
        return [.floorChanged(newFloor)]
    }

    /// Reviewers, then hosts, each in invitation order.
    var defaultRoundOrder: [String] {
        participants.filter { $0.role == .reviewer }.map(\.id) + participants.filter { $0.role == .host }.map(\.id)
    }

    /// Checks that `id` is a participant who can hold the floor.
    func requireSpeaker(_ id: String, _ command: String) throws(CommandError) {
        guard let person = participant(id) else {
            throw .notFound("\(command): participant \(QuotedID.quoted(id)) is not in this session")
        }
        guard person.role.canSpeak else {
            throw .badRequest("\(command): \(person.name) is \(person.role.withArticle) and cannot take the floor")
        }
    }

    /// Checks an optional turn length in seconds and returns it in milliseconds.
    func turnLength(_ seconds: Double?, _ field: String) throws(CommandError) -> Int64? {
        guard let seconds else { return nil }
        return try requiredTurnLength(seconds, field)
    }

    /// Checks a turn length in seconds and returns it in milliseconds.
    func requiredTurnLength(_ seconds: Double, _ field: String) throws(CommandError) -> Int64 {
        // At least 0.001 as said (and as the HTTP API's phase lengths): 0.0005 rounded to 1 ms was taken.
        guard seconds.isFinite, seconds >= 0.001, seconds <= Self.maxTurnSec, case let ms = Milliseconds.from(seconds: seconds), ms > 0 else {
            let why = Milliseconds.roundsToZero(seconds) ? "rounds to 0 ms" : "is out of range"
            throw .badRequest("\(field) \(Milliseconds.shown(seconds: seconds)) \(why): it must be at least 0.001 and at most 3600")
        }
        return ms
    }
}
