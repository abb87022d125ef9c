extension SessionState {
    /// Longest phase, in seconds (a day).
    public static let maxPhaseSec: Double = 86_400

    /// Checks an agenda: at least one phase, unique non-empty ids, non-empty titles,
    /// lengths above 0 and at most a day.
    public static func validate(agenda: [Phase]) throws(CommandError) {
        guard !agenda.isEmpty else { throw .badRequest("the agenda is empty: give at least one phase") }
        var ids = Set<String>()
        for (index, phase) in agenda.enumerated() {
            guard !phase.id.isEmpty, ids.insert(phase.id).inserted else {
                throw .badRequest("agenda phase \(index) has id '\(phase.id)', which is empty or used twice")
            }
            guard !Trim.whitespace(phase.title).isEmpty else {
                throw .badRequest("agenda phase \(index) has an empty title")
            }
            guard phase.durationSec.isFinite, phase.durationMs > 0, phase.durationSec <= maxPhaseSec else {
                throw .badRequest("agenda phase \(index) (\"\(phase.title)\") lasts \(phase.durationSec) s: "
                    + "it must be more than 0 and at most \(Int(maxPhaseSec))")
            }
        }
    }

    /// Checks scheduling facts: a non-empty id and title, and a lobby opening 0…1440 minutes before the start.
    public static func validate(info: SessionInfo) throws(CommandError) {
        guard !info.id.isEmpty else { throw .badRequest("the session id is empty") }
        guard !Trim.whitespace(info.title).isEmpty else { throw .badRequest("the session title is empty") }
        guard (0...1440).contains(info.lobbyOpensMinutesBefore) else {
            throw .badRequest("lobbyOpensMinutesBefore \(info.lobbyOpensMinutesBefore) is out of range: "
                + "it must be between 0 and 1440 minutes")
        }
    }

    /// Checks a prompt deck: unique non-empty ids and non-empty texts.
    public static func validate(deck: [Prompt]) throws(CommandError) {
        var ids = Set<String>()
        for (index, prompt) in deck.enumerated() {
            guard !prompt.id.isEmpty, ids.insert(prompt.id).inserted else {
                throw .badRequest("prompt \(index) has id '\(prompt.id)', which is empty or used twice")
            }
            guard !Trim.whitespace(prompt.text).isEmpty else {
                throw .badRequest("prompt \(index) ('\(prompt.id)') has no text")
            }
        }
    }
}
