import ReviewRoomCore

/// What the record reads from the event log: the facilitator's log, the rounds and the
/// questions that were shown. Each event is compared with the value it replaces.
struct RecordEventDigest {
    /// The facilitator's log.
    private(set) var log: [RecordLogEntry] = []
    /// The rounds, in the order they started.
    private(set) var rounds: [RecordRound] = []
    /// The questions as shown and discussed.
    private(set) var questions: RecordQuestionHistory

    private let agenda: [Phase]
    private let names: RecordNames
    private let times: RecordTimeFormatter
    private var clock: Clock?
    private var floor: Floor?
    private var prompts: Prompts?
    private var participants: [Participant]?
    /// The seq of the last `clock.changed` that moved to another phase or ended the session, and
    /// which: the `floor.changed` right after it is that move's reset of the floor, not anyone's doing.
    private var lastMove: (seq: Int64, ended: Bool)?
    /// The session's editable parts before the next `session.changed`: the baseline, then
    /// each `session.changed` in turn; nil while not known.
    private var definition: SessionChange?

    /// Reads `events` in order; `invited` (everyone ever invited) tells the participant list
    /// before the first change to it; `baseline` (the session as created) the details, agenda
    /// and deck before the first change to them.
    init(_ events: [LoggedEvent], agenda: [Phase], names: RecordNames, times: RecordTimeFormatter,
         invited: [RecordInvitee], baseline: SessionChange?) {
        self.agenda = agenda
        self.names = names
        self.times = times
        questions = RecordQuestionHistory(names: names, times: times)
        participants = Self.participantsBeforeFirstChange(events, invited: invited)
        definition = baseline
        prompts = baseline?.prompts
        if let deck = baseline?.prompts { questions.read(deck, at: nil) }
        for logged in events { read(logged) }
    }

    private mutating func read(_ logged: LoggedEvent) {
        let event = logged.event
        func add(_ kind: String, _ text: String, credited: Bool = true) {
            log.append(RecordLogEntry(seq: logged.seq, at: event.at, time: times.time(event.at), date: times.date(event.at), kind: kind,
                                      text: text, by: credited ? logged.author.map(names.name) : nil))
        }
        switch event.body {
        case .clockChanged(let new):
            for (kind, text) in clockChanges(from: clock, to: new) { add(kind, text) }
            if new.status == .ended || new.phase != clock?.phase || new.phaseStartedAt != clock?.phaseStartedAt {
                lastMove = (logged.seq, new.status == .ended)
            }
            questions.showings.clock(phase: new.status.isUnderway ? new.phase : nil,
                                     newVisit: new.phaseStartedAt != clock?.phaseStartedAt,
                                     ended: new.status == .ended, at: event.at)
            clock = new
        case .floorChanged(let new):
            let move = lastMove.flatMap { $0.seq == logged.seq - 1 ? $0 : nil }
            let reset = move.map { $0.ended ? "when the session ended" : "when the phase moved on" }
            for (kind, text) in floorChanges(from: floor, to: new, at: event.at, reset: reset) {
                // The next turn of a round that moved on because its speaker passed or ended their
                // turn is not theirs to give: "Round turn: Priya (by Gareth)" read as Gareth
                // handing her the floor (a record audit). Their pass has its own line.
                let movedOnByTheSpeaker = text.hasPrefix("Round turn:") && logged.author != nil && logged.author == floor?.speaker
                add(kind, text, credited: !movedOnByTheSpeaker)
            }
            questions.showings.floor(new.speaker, newTurn: new.speaker != floor?.speaker || new.since != floor?.since)
            floor = new
        case .promptsChanged(let new):
            for text in Self.questionChanges(from: prompts, to: new) { add("question", text) }
            if let current = new.current, current != prompts?.current {
                add("question", "Question shown: \(questionText(current, in: new))")
            }
            for id in new.discussed where !(prompts?.discussed.contains(id) ?? false) {
                add("question", "Question marked discussed: \(questionText(id, in: new))")
            }
            // Taking the mark back is logged too, so the log agrees with the questions' list.
            for id in prompts?.discussed ?? [] where !new.discussed.contains(id) && new.prompt(id) != nil {
                add("question", "Question no longer marked discussed: \(questionText(id, in: new))")
            }
            // Hidden (prompt.hide), not taken out of the deck: the removal is logged above.
            if let shown = prompts?.current, new.current == nil, new.prompt(shown) != nil {
                add("question", "Question hidden: \(questionText(shown, in: new))")
            }
            questions.read(new, at: event.at)
            prompts = new
        case .clockTimeUp(let phase):
            add("clock", "Time up for \(phaseName(phase))")
        case .floorTimeUp(let participant):
            add("floor", "Turn time up for \(names.inText(participant))")
        case .participantChanged(let list):
            for text in Self.participantChanges(from: participants ?? list, to: list) { add("participants", text) }
            participants = list
        case .sessionChanged(let change):
            let details = definition.map { Self.definitionChanges(from: $0, to: change, times: times) }
                ?? ["Session details changed (earlier values not recorded)"]
            let questionLines = Self.questionChanges(from: prompts, to: change.prompts)
            for text in details { add("agenda", text) }
            for text in questionLines { add("question", text) }
            // Every session.changed changes something; say so even when it is nothing listed above.
            if details.isEmpty && questionLines.isEmpty { add("agenda", "Session details changed") }
            definition = change
            // The deck may be reworded or cut: later questions are compared with it.
            questions.read(change.prompts, at: event.at)
            prompts = change.prompts
        case .clockWarning:
            break
        }
    }

    private func clockChanges(from old: Clock?, to new: Clock) -> [(String, String)] {
        let oldStatus = old?.status ?? .scheduled
        var out: [(String, String)] = []
        if new.status == .ended {
            if oldStatus != .ended { out.append(("session", "Session ended")) }
            return out
        }
        if !oldStatus.isUnderway && new.status.isUnderway {
            out.append(("session", "Session started with \(phaseName(new.phase))"))
            return out
        }
        guard let old else { return out }
        if new.phase != old.phase || new.phaseStartedAt != old.phaseStartedAt {
            out.append(("phase", "Moved to \(phaseName(new.phase))"))
        } else if new.durationMs != old.durationMs {
            let change = Double(new.durationMs - old.durationMs) / 1000
            // The verb carries the sign: "Shortened … by −30 s" would read as a double negative.
            out.append(("clock", "\(change > 0 ? "Extended" : "Shortened") \(phaseName(new.phase)) by "
                        + RecordText.duration(abs(change))))
        }
        if old.status == .live && new.status == .paused { out.append(("clock", "Clock paused")) }
        if old.status == .paused && new.status == .live { out.append(("clock", "Clock resumed")) }
        return out
    }

    /// The log lines for a `floor.changed`, keeping the rounds and their turns; `reset` says why a
    /// phase move's or the end's reset of the floor happened ("when the phase moved on"), nil otherwise.
    private mutating func floorChanges(from old: Floor?, to new: Floor, at: Timestamp, reset: String?) -> [(String, String)] {
        var out: [(String, String)] = Self.handChanges(from: old, to: new, names: names, reset: reset).map { ("floor", $0) }
        if let old, old.round != nil, let was = old.speaker, was != new.speaker || new.since != old.since {
            endTurn(of: was, at: at, ms: (new.spokenMs[was] ?? 0) - (old.spokenMs[was] ?? 0))
        }
        let oldRound = old?.round
        if let round = new.round, oldRound == nil || oldRound?.order != round.order || round.index < (oldRound?.index ?? 0) {
            if oldRound != nil { closeRound(at: at, last: oldRound) }
            rounds.append(RecordRound(
                startedAt: at, startedAtLocal: times.dateTime(at), endedAt: nil, phase: clock?.phase ?? 0,
                secondsEach: round.secondsEach, order: round.order.map(names.person), passed: [], reachedEnd: false))
            out.append(("round", "Round started: \(round.order.map(names.inText).joined(separator: ", ")), "
                        + "\(RecordText.duration(round.secondsEach)) each"))
        }
        if let round = new.round, !rounds.isEmpty {
            let before = rounds[rounds.count - 1].passed.count
            for id in round.passed.dropFirst(before) { out.append(("round", "\(names.inText(id)) passed")) }
            rounds[rounds.count - 1].passed = round.passed.map(names.person)
            if round.index >= round.order.count - 1 { rounds[rounds.count - 1].reachedEnd = true }
        }
        if let oldRound, new.round == nil {
            // The round's last person ending their own turn is a turn of its length, not a pass:
            // the event (the round gone) is the same for their Pass and their "Finish my turn",
            // and the pages offer both, so the record claims neither (it used to count it a pass
            // when Pass was all they had, and then called everyone who finished last "passed").
            let reached = closeRound(at: at, last: oldRound)
            // A phase move or the end stops a round too; say which, and whose turn it cut short
            // (the floor line below is only for turns outside a round).
            let why = reset.map { " " + $0 } ?? ""
            let cut = reset != nil ? old?.speaker.map { ", during the turn of \(names.inText($0))" } ?? "" : ""
            out.append(("round", (reached && cut.isEmpty ? "Round finished" : "Round stopped") + why + cut))
        }
        if let speaker = new.speaker, speaker != old?.speaker || new.since != old?.since {
            let inRound = new.round != nil
            if inRound, !rounds.isEmpty {
                rounds[rounds.count - 1].turns.append(RecordRoundTurn(person: names.person(speaker), startedAt: at, passed: false))
            }
            out.append(("floor", inRound ? "Round turn: \(names.inText(speaker))" : "Floor to \(names.inText(speaker))"))
        } else if let was = old?.speaker, new.speaker == nil, old?.round == nil {
            // Released by the speaker or a facilitator, or ended by a phase move or the end: a
            // co-facilitation probe missed the line for a turn a phase move cut short.
            let why = reset.map { " " + $0 } ?? ""
            out.append(("floor", "Turn ended\(why): \(names.inText(was))"))
        }
        return out
    }

    /// Ends the last round's running turn, `participant`'s, at `at`, `ms` long as speaking time counts it.
    private mutating func endTurn(of participant: String, at: Timestamp, ms: Int64) {
        guard let round = rounds.indices.last, let turn = rounds[round].turns.indices.last,
              rounds[round].turns[turn].person.id == participant, rounds[round].turns[turn].endedAt == nil else { return }
        rounds[round].turns[turn].endedAt = at
        rounds[round].turns[turn].seconds = Double(max(0, ms)) / 1000
    }

    /// Ends the last round at `at`; returns whether it reached its last person.
    @discardableResult
    private mutating func closeRound(at: Timestamp, last: Round?) -> Bool {
        guard !rounds.isEmpty else { return false }
        if let last {
            rounds[rounds.count - 1].passed = last.passed.map(names.person)
            if last.index >= last.order.count - 1 { rounds[rounds.count - 1].reachedEnd = true }
        }
        rounds[rounds.count - 1].endedAt = at
        return rounds[rounds.count - 1].reachedEnd
    }

    private func phaseName(_ index: Int) -> String {
        agenda.indices.contains(index) ? "phase \(index + 1) “\(agenda[index].title)”" : "phase \(index + 1)"
    }

    private func questionText(_ id: String, in prompts: Prompts) -> String {
        prompts.prompt(id).map { "“\($0.text)”" } ?? id
    }
}

