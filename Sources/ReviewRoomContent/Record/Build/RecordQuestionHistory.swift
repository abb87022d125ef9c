import ReviewRoomCore

/// What happened to each question, read from the prompts of `prompts.changed` and
/// `session.changed` events in order: the wording it had when it was shown and when it was
/// marked discussed, and the questions taken out of the deck after being shown or discussed.
/// The record lists a question with the wording that was on screen, not the deck's wording now,
/// and with each stretch it was on screen (``RecordQuestionShowings``).
struct RecordQuestionHistory {
    /// When each question was on screen; the digest tells it of phase moves and turns.
    var showings = RecordQuestionShowings()
    /// Ids of the deck's questions that were on show at some point.
    private(set) var shown: Set<String> = []
    /// The wording of each question when it was last shown.
    private var shownWording: [String: Prompt] = [:]
    /// The wording of each question when it was last marked discussed.
    private var discussedWording: [String: Prompt] = [:]
    /// Questions shown or discussed, then removed from the deck, in the order they went.
    private(set) var removed: [RecordQuestion] = []
    private var last: Prompts?
    private let names: RecordNames
    private let times: RecordTimeFormatter

    /// A history that names speakers with `names` and gives local times with `times`.
    init(names: RecordNames, times: RecordTimeFormatter) {
        self.names = names
        self.times = times
    }

    /// Reads the prompts an event at `at` carries (nil: the session as created, before any event).
    mutating func read(_ new: Prompts, at: Timestamp?) {
        if let at { showings.show(new.current, at: at) }
        if let last {
            for prompt in last.deck where new.prompt(prompt.id) == nil { retire(prompt.id, discussed: last.discussed, at: at) }
        }
        if let current = new.current, let prompt = new.prompt(current) {
            shown.insert(current)
            if current != last?.current || shownWording[current] == nil { shownWording[current] = prompt }
        }
        for id in new.discussed where !(last?.discussed.contains(id) ?? false) || discussedWording[id] == nil {
            if let prompt = new.prompt(id) { discussedWording[id] = prompt }
        }
        last = new
    }

    /// The wording `prompt` (the final deck's entry) had when it was discussed, else when it
    /// was last shown: the question as discussed, with the deck's wording now when it differs.
    func question(_ prompt: Prompt, shownNow: Bool, discussed: Bool) -> RecordQuestion {
        let then = (discussed ? discussedWording[prompt.id] : nil) ?? shownWording[prompt.id] ?? prompt
        return RecordQuestion(number: 0, id: prompt.id, text: then.text, theme: then.theme,
                              shown: shownNow || shown.contains(prompt.id), discussed: discussed,
                              laterText: then.text == prompt.text ? nil : prompt.text, removed: false,
                              showings: showings.of(prompt.id).map(describe))
    }

    private func describe(_ stretch: RecordQuestionShowings.Stretch) -> RecordQuestionShowing {
        RecordQuestionShowing(shownAt: stretch.from, shownAtLocal: times.dateTime(stretch.from), hiddenAt: stretch.to,
                              hiddenAtLocal: stretch.to.map { times.dateTime($0) }, phase: stretch.phase,
                              speakers: stretch.speakers.map(names.person))
    }

    /// Moves question `id`, just taken out of the deck, to ``removed`` if it was shown or
    /// discussed, and forgets it: a later question given the same id starts afresh.
    private mutating func retire(_ id: String, discussed: [String], at: Timestamp?) {
        let wasDiscussed = discussed.contains(id)
        let stretches = showings.retire(id, at: at)
        if let then = (wasDiscussed ? discussedWording[id] : nil) ?? shownWording[id] ?? discussedWording[id] {
            removed.append(RecordQuestion(number: 0, id: id, text: then.text, theme: then.theme, shown: shown.contains(id),
                                          discussed: wasDiscussed, laterText: nil, removed: true,
                                          showings: stretches.map(describe)))
        }
        shown.remove(id)
        shownWording[id] = nil
        discussedWording[id] = nil
    }
}
