extension SessionState {
    /// Applies a facilitator's edit at `now`: `session.changed` with the whole new values,
    /// plus `clock.changed`/`floor.changed` when a session not started gets a new first phase.
    ///
    /// Once started, the current phase and every phase up to the highest one that has run cannot
    /// change (`invalid_state`, HTTP 409); `startsAt` can, as PROTOCOL §2 lists it among what
    /// `PATCH` may change, with no exception once live (the console's form no longer offers it);
    /// a prompt removed from the deck stops being current or discussed and leaves every phase's
    /// `prompts` (in the same `session.changed`). An edit equal to the
    /// current values changes nothing. After the end: `session_ended`.
    public mutating func apply(_ edit: SessionEdit, at now: Timestamp) -> Result<[Event], CommandError> {
        do {
            return .success(commit(try decide(edit, at: now), at: now))
        } catch {
            return .failure(error)
        }
    }

    private func decide(_ edit: SessionEdit, at now: Timestamp) throws(CommandError) -> [EventBody] {
        guard !isEnded else { throw CommandError(code: .sessionEnded, message: "session \(info.id) has ended: it cannot be edited") }
        if let given = edit.agenda { try Self.validate(agenda: given) }
        if let deck = edit.deck { try Self.validate(deck: deck) }
        // A new deck prunes the prompt ids it lacks from every phase, the given agenda's and the
        // current one's alike, so a phase that has started and is sent without them is unchanged.
        let deckIDs = edit.deck.map { Set($0.map(\.id)) }
        let prune = { (phases: [Phase]) in deckIDs.map { Self.pruning(phases, to: $0) } ?? phases }
        let newAgenda = prune(edit.agenda ?? agenda)
        if edit.agenda != nil { try checkStartedPhasesKept(in: newAgenda, comparedWith: prune(agenda)) }
        var newPrompts = prompts
        if let deck = edit.deck, let ids = deckIDs {
            newPrompts.deck = deck
            if let current = newPrompts.current, newPrompts.prompt(current) == nil { newPrompts.current = nil }
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
            var newClock = Clock.scheduled(firstPhaseMs: first.durationMs)
            var edited = info
            edited.startsAt = change.startsAt
            // The status as of now (§3.5: `lobby` once the lobby is open by the start), before
            // and after the edit: a start moved out of the lobby's window closes it, one moved
            // into it opens it, and clients already in the lobby hear so (they kept "Lobby open"
            // while anyone joining afresh was told the review was not open).
            let shownBefore: ClockStatus = now >= info.opensAt ? .lobby : .scheduled
            let shownAfter: ClockStatus = now >= edited.opensAt ? .lobby : .scheduled
            if newClock != clock || shownAfter != shownBefore {
                // The event shows the status as of now, as a welcome would; replaying it stores
                // `scheduled` again.
                newClock.status = shownAfter
                bodies.append(.clockChanged(newClock))
            }
            var newFloor = floor
            newFloor.mode = first.turnMode
            if newFloor != floor { bodies.append(.floorChanged(newFloor)) }
        }
        return bodies
    }

    /// How many leading phases are fixed once the session is live: every phase up to the
    /// highest one that has started (run at least once, or current), since `phase.goto` and
    /// `phase.prev` can move the clock back below phases that have already run.
    var startedPhaseCount: Int {
        guard clock.status.isUnderway else { return 0 }
        return min(max(clock.phase, phaseRuns.map(\.phase).max() ?? 0) + 1, agenda.count)
    }

    /// Throws `invalid_state` naming the first fixed phase (``startedPhaseCount``) that `given`
    /// changes or drops, `before` being the current agenda as the edit would otherwise leave it.
    private func checkStartedPhasesKept(in given: [Phase], comparedWith before: [Phase]) throws(CommandError) {
        let fixed = startedPhaseCount
        guard let index = (0..<fixed).first(where: { !given.indices.contains($0) || given[$0] != before[$0] }) else { return }
        let verb = given.indices.contains(index) ? "changes" : "removes"
        let why = index == clock.phase ? "which is current"
            : phaseRuns.contains { $0.phase == index } ? "which has already run"
            : "which the session has gone past (phase \(fixed - 1) has started)"
        throw .invalidState("the agenda edit \(verb) \(describePhase(index)), \(why): "
            + "once the session is live only the phases after phase \(fixed - 1) can change")
    }

    /// `phases` with every prompt id not in `ids` removed.
    private static func pruning(_ phases: [Phase], to ids: Set<String>) -> [Phase] {
        phases.map { phase in
            var phase = phase
            phase.prompts.removeAll { !ids.contains($0) }
            return phase
        }
    }

    private static func nonEmpty(_ text: String, _ field: String) throws(CommandError) -> String {
        let trimmed = Trim.whitespace(text)
        guard !trimmed.isEmpty else { throw .badRequest("\(field) is empty") }
        return trimmed
    }
}
