import ReviewRoomCore

/// When each question is on screen, and who has the floor meanwhile, read from the events in
/// order: one stretch per question per phase (a phase move with the question still up starts
/// another), so the workshop can find what was said about each question and when.
struct RecordQuestionShowings {
    /// One stretch on screen, with participant ids.
    struct Stretch {
        var from: Timestamp
        var to: Timestamp?
        /// The phase it ran in; nil before the session started.
        var phase: Int?
        var speakers: [String]
    }

    private var stretches: [String: [Stretch]] = [:]
    /// The question on screen now.
    private var open: String?
    /// The phase the session is in (nil before it starts).
    private var phase: Int?
    /// Who has the floor now.
    private var speaker: String?
    /// Set once the session has ended: nothing is on screen after it.
    private var ended = false

    /// Question `current` (none: nil) is the one on screen as of `at`.
    mutating func show(_ current: String?, at: Timestamp) {
        guard current != open, !ended else { return }
        close(at: at)
        guard let current else { return }
        stretches[current, default: []].append(Stretch(from: at, phase: phase, speakers: speaker.map { [$0] } ?? []))
        open = current
    }

    /// The session is in `phase` (nil: not started) as of `at`, or has `ended`; a move to
    /// another phase, or a visit anew, ends the stretch on screen and starts the next.
    mutating func clock(phase new: Int?, newVisit: Bool, ended nowEnded: Bool, at: Timestamp) {
        guard !ended else { return }
        if nowEnded {
            close(at: at)
            ended = true
            return
        }
        guard new != phase || newVisit else { return }
        phase = new
        if let id = open {
            close(at: at)
            show(id, at: at)
        }
    }

    /// `new` has the floor (nil: nobody) from now on; a new turn is credited to the question on screen.
    mutating func floor(_ new: String?, newTurn: Bool) {
        speaker = new
        guard newTurn, let new, let id = open, var list = stretches[id], !list.isEmpty else { return }
        if !list[list.count - 1].speakers.contains(new) {
            list[list.count - 1].speakers.append(new)
            stretches[id] = list
        }
    }

    /// Question `id`'s stretches, oldest first.
    func of(_ id: String) -> [Stretch] { stretches[id] ?? [] }

    /// Forgets question `id`, just taken out of the deck (a later question given its id starts
    /// afresh), returning its stretches.
    mutating func retire(_ id: String, at: Timestamp?) -> [Stretch] {
        if open == id, let at { close(at: at) }
        if open == id { open = nil }
        return stretches.removeValue(forKey: id) ?? []
    }

    private mutating func close(at: Timestamp) {
        guard let id = open, var list = stretches[id], !list.isEmpty else { open = nil; return }
        list[list.count - 1].to = at
        stretches[id] = list
        open = nil
    }
}
