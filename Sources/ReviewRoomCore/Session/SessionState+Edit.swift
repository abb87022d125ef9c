extension SessionState {
    /// Applies a facilitator's edit at `now`: `session.changed` with the whole new values,
    /// plus `clock.changed`/`floor.changed` when a session not started gets a new first phase.
    ///
    /// Once started, the current and past phases cannot change (`invalid_state`, HTTP 409);
    /// a prompt removed from the deck stops being current or discussed. An edit equal to the
    /// current values changes nothing. After the end: `session_ended`.
    public mutating func apply(_ edit: SessionEdit, at now: Timestamp) -> Result<[Event], CommandError> {
        do {
            return .success(commit(try decide(edit), at: now))
        } catch {
            return .failure(error)
        }
    }

    private func decide(_ edit: SessionEdit) throws(CommandError) -> [EventBody] {
        guard !isEnded else { throw CommandError(code: .sessionEnded, message: "session \(info.id) has ended: it cannot be edited") }
        let newAgenda = edit.agenda ?? agenda
        if let given = edit.agenda {
            try Self.validate(agenda: given)
            if clock.status.isUnderway {
                let fixed = clock.phase + 1
                guard given.count >= fixed, Array(given[..<fixed]) == Array(agenda[..<fixed]) else {
                    throw .invalidState("the agenda edit changes \(describePhase(clock.phase)) or an earlier phase: "
                        + "only phases after the current one can change once the session is live")
                }
            }
        }
        var newPrompts = prompts
        if let deck = edit.deck {
            try Self.validate(deck: deck)
            newPrompts.deck = deck
            if let current = newPrompts.current, newPrompts.prompt(current) == nil { newPrompts.current = nil }
            let ids = Set(deck.map(\.id))
            newPrompts.discussed.removeAll { !ids.contains($0) }
        }
        let title = try edit.title.map { text throws(CommandError) in try Self.nonEmpty(text, "title") } ?? info.title
        let change = SessionChange(title: title, focus: edit.focus ?? info.focus,
                                   startsAt: edit.startsAt ?? info.startsAt, timeZone: edit.timeZone ?? info.timeZone,
                                   agenda: newAgenda, prompts: newPrompts)
        let current = SessionChange(title: info.title, focus: info.focus, startsAt: info.startsAt,
                                    timeZone: info.timeZone, agenda: agenda, prompts: prompts)
        guard change != current else { return [] }
        var bodies: [EventBody] = [.sessionChanged(change)]
        if clock.status == .scheduled, let first = newAgenda.first {
            let newClock = Clock.scheduled(firstPhaseMs: first.durationMs)
            if newClock != clock { bodies.append(.clockChanged(newClock)) }
            var newFloor = floor
            newFloor.mode = first.turnMode
            if newFloor != floor { bodies.append(.floorChanged(newFloor)) }
        }
        return bodies
    }

    private static func nonEmpty(_ text: String, _ field: String) throws(CommandError) -> String {
        let trimmed = Trim.whitespace(text)
        guard !trimmed.isEmpty else { throw .badRequest("\(field) is empty") }
        return trimmed
    }
}
