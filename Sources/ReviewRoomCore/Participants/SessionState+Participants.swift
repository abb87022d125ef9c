extension SessionState {
    /// Applies a server-side participant change (invite, revoke, rename) at `now`.
    ///
    /// Yields `participant.changed` with the whole list, and for a removal also `floor.changed`
    /// when the floor referred to them. After the end the list is part of the record: an invite
    /// is refused with `session_ended` (unless `evenAfterTheEnd`), a removal yields nothing (the
    /// person stays listed; only their access goes), and a rename still applies. A rename to
    /// the same name changes nothing.
    public mutating func apply(_ change: ParticipantChange, at now: Timestamp) -> Result<[Event], CommandError> {
        do {
            return .success(commit(try decide(change, at: now), at: now))
        } catch {
            return .failure(error)
        }
    }

    private func decide(_ change: ParticipantChange, at now: Timestamp) throws(CommandError) -> [EventBody] {
        var list = participants
        switch change {
        case .add(let person, let evenAfterTheEnd):
            guard evenAfterTheEnd || !isEnded else {
                throw CommandError(code: .sessionEnded, message: "session \(info.id) has ended, so nobody new can be invited to it")
            }
            guard participant(person.id) == nil else {
                throw .invalidState("participant '\(person.id)' is already in session \(info.id)")
            }
            guard !person.id.isEmpty else { throw .badRequest("a new participant needs a non-empty id") }
            list.append(Participant(id: person.id, name: try Self.cleanName(person.name), role: person.role))
            return [.participantChanged(list)]
        case .rename(let id, let name):
            guard let index = list.firstIndex(where: { $0.id == id }) else {
                throw .notFound("rename: participant '\(id)' is not in session \(info.id)")
            }
            list[index].name = try Self.cleanName(name)
            return list == participants ? [] : [.participantChanged(list)]
        case .remove(let id):
            guard participant(id) != nil else {
                throw .notFound("remove: participant '\(id)' is not in session \(info.id)")
            }
            guard !isEnded else { return [] }
            list.removeAll { $0.id == id }
            let newFloor = floorWithout(id, at: now)
            return [.participantChanged(list)] + (newFloor == floor ? [] : [.floorChanged(newFloor)])
        }
    }

    /// The floor once `id` has left: hand lowered, out of the rest of any round, turn over.
    private func floorWithout(_ id: String, at now: Timestamp) -> Floor {
        var newFloor = floor
        newFloor.queue.removeAll { $0.participant == id }
        if var round = newFloor.round {
            let later = (round.index + 1)..<round.order.count
            round.order = Array(round.order[...round.index]) + round.order[later].filter { $0 != id }
            newFloor.round = round
        }
        if newFloor.speaker == id {
            if newFloor.round != nil {
                newFloor.advanceRound(at: now, passing: false)
            } else {
                newFloor.endTurn(at: now)
            }
        }
        return newFloor
    }

    static func cleanName(_ name: String) throws(CommandError) -> String {
        let trimmed = Trim.whitespace(name)
        guard !TextRules.showsNothing(trimmed) else {
            throw .badRequest("participant name is empty: give a name people will recognise")
        }
        guard TextRules.length(trimmed) <= 200 else {
            throw .badRequest("participant name has \(TextRules.length(trimmed)) characters: at most 200 fit")
        }
        return trimmed
    }
}
