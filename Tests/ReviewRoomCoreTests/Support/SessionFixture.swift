import Testing
@testable import ReviewRoomCore

/// A small session to test with: one of every role, four phases, three prompts.
///
/// Invitation order: f1 (facilitator), r1 (reviewer), h1 (host), r2 (reviewer), o1 (observer), d1 (display),
/// so the default round order is r1, r2, h1.
enum SessionFixture {
    static let startsAt = Timestamp(millisecondsSince1970: 1_796_117_400_000)  // 2026-12-01T09:30:00Z

    static let people = [
        Participant(id: "f1", name: "Fran", role: .facilitator),
        Participant(id: "r1", name: "Asha", role: .reviewer),
        Participant(id: "h1", name: "Ben", role: .host),
        Participant(id: "r2", name: "Raj", role: .reviewer),
        Participant(id: "o1", name: "Olu", role: .observer),
        Participant(id: "d1", name: "Room", role: .display),
    ]

    static let agenda = [
        Phase(id: "ph0", title: "Briefing", kind: .briefing, durationSec: 600, turnMode: .queue, onTimeUp: .overtime),
        Phase(id: "ph1", title: "Round", kind: .round, durationSec: 300, turnMode: .round, onTimeUp: .advance),
        Phase(id: "ph2", title: "Discussion", kind: .discussion, durationSec: 120, turnMode: .open, onTimeUp: .overtime),
        Phase(id: "ph3", title: "Actions", kind: .actions, durationSec: 90, turnMode: .queue, onTimeUp: .advance),
    ]

    static let deck = [
        Prompt(id: "q1", text: "What does reading stamina look like here?", theme: "recovery"),
        Prompt(id: "q2", text: "How do pupils choose books?"),
        Prompt(id: "q3", text: "What would help most next term?", theme: "wellbeing"),
    ]

    static func session(agenda: [Phase] = agenda, autoStart: Bool = false, lobbyMinutes: Int = 15) -> SessionState {
        SessionState(
            info: SessionInfo(id: "s1", title: "Reading for pleasure", hostSchool: "Northfield Primary",
                              focus: "Reading stamina", startsAt: startsAt, timeZone: "Europe/London",
                              lobbyOpensMinutesBefore: lobbyMinutes, autoStart: autoStart),
            agenda: agenda, participants: people,
            notes: [NoteHeading(id: "evidence", title: "Evidence")], deck: deck)
    }

    /// A session started at `startsAt` by the facilitator.
    static func started() -> SessionState {
        var state = session()
        state.ok(.sessionStart, by: "f1", at: startsAt)
        return state
    }

    /// `startsAt` moved by `seconds`.
    static func at(_ seconds: Double) -> Timestamp { startsAt.adding(seconds: seconds) }
}

extension SessionState {
    /// Applies a command that must succeed and returns its events.
    @discardableResult
    mutating func ok(_ command: Command, by id: String, at now: Timestamp,
                     sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        switch apply(command, by: id, at: now) {
        case .success(let events): return events
        case .failure(let error):
            Issue.record("\(command) by \(id) failed: \(error.code.rawValue): \(error.message)",
                         sourceLocation: sourceLocation)
            return []
        }
    }

    /// Applies a command that must fail; returns the error (nil, with an issue, if it succeeded).
    mutating func refused(_ command: Command, by id: String, at now: Timestamp,
                          sourceLocation: SourceLocation = #_sourceLocation) -> CommandError? {
        switch apply(command, by: id, at: now) {
        case .success(let events):
            Issue.record("\(command) by \(id) succeeded with \(events.map(\.name))", sourceLocation: sourceLocation)
            return nil
        case .failure(let error): return error
        }
    }
}
