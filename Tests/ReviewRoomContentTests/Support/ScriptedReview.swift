import ReviewRoomContent
import ReviewRoomCore

/// A short review driven through the core with a manual clock (seconds after 09:30:00 UTC on
/// 2026-12-01, which is 09:30 GMT in Europe/London), with notes edited through `NoteBuffer`.
///
/// The script (``played()``): start; Ben speaks 180 s; Asha 60 s; phase 1 extended by 2 min and
/// paused for 1 min; phase 1 ends at 800 s (740 s run, 20 s overtime); a round in which Asha
/// passes after 20 s, Raj and Ben speak 60 s each; phase 2 ends at 1000 s; the end at 1060 s.
struct ScriptedReview {
    static let start = Timestamp(millisecondsSince1970: 1_796_117_400_000)

    static let people = [
        Participant(id: "f1", name: "Fran", role: .facilitator),
        Participant(id: "r1", name: "Asha", role: .reviewer),
        Participant(id: "h1", name: "Ben", role: .host),
        Participant(id: "r2", name: "Raj", role: .reviewer),
        Participant(id: "o1", name: "Olu", role: .observer),
    ]

    static let agenda = [
        Phase(id: "context", title: "Host context", kind: .briefing, durationSec: 600, turnMode: .queue,
              onTimeUp: .overtime, purpose: "The host sets out the focus."),
        Phase(id: "reflections", title: "Reviewer reflections", kind: .round, durationSec: 300, turnMode: .round,
              onTimeUp: .overtime),
        Phase(id: "actions", title: "Actions", kind: .actions, durationSec: 120, turnMode: .open, onTimeUp: .overtime),
    ]

    static let deck = [
        Prompt(id: "q1", text: "How do pupils choose books?", theme: "reading-recovery"),
        Prompt(id: "q2", text: "What helps reluctant readers?", theme: "reading-recovery"),
        Prompt(id: "q3", text: "Where do families fit in?"),
    ]

    var state: SessionState
    var notes: [NoteBuffer]
    /// The session as created, as the store keeps it (``RecordInput/baseline``); nil plays a
    /// session stored before schema v6.
    var baseline: SessionChange?
    var events: [LoggedEvent] = []
    private var opCount = 0

    /// The session before anything happened (time zone as given).
    init(timeZone: String = "Europe/London") {
        state = SessionState(
            info: SessionInfo(id: "s-42", title: "Reading for pleasure", hostSchool: "Northfield Primary",
                              focus: "How do we rebuild reading stamina?", startsAt: Self.start, timeZone: timeZone),
            agenda: Self.agenda, participants: Self.people,
            notes: [NoteHeading(id: "evidence", title: "Evidence"), NoteHeading(id: "actions", title: "Actions")],
            deck: Self.deck)
        notes = [NoteBuffer(id: "evidence", title: "Evidence"), NoteBuffer(id: "actions", title: "Actions")]
        baseline = SessionChange(title: state.info.title, focus: state.info.focus, startsAt: state.info.startsAt,
                                 timeZone: state.info.timeZone, agenda: state.agenda, prompts: state.prompts)
    }

    static func at(_ seconds: Double) -> Timestamp { start.adding(seconds: seconds) }

    /// Lets time pass to `seconds`, logging what fell due.
    mutating func tick(_ seconds: Double) {
        log(state.tick(at: Self.at(seconds)), by: nil)
    }

    /// Ticks, then applies `command` from `participant` at `seconds`.
    mutating func run(_ command: Command, by participant: String, at seconds: Double) throws {
        tick(seconds)
        log(try state.apply(command, by: participant, at: Self.at(seconds)).get(), by: participant)
    }

    /// Appends `text` to note `id` as `participant` at `seconds`.
    mutating func append(_ text: String, to id: String, by participant: String, at seconds: Double) throws {
        guard let index = notes.firstIndex(where: { $0.id == id }) else { return }
        var op = TextOperation()
        if notes[index].text.utf16Count > 0 { op.retain(notes[index].text.utf16Count) }
        op.insert(text)
        opCount += 1
        _ = try notes[index].receive(op, baseRev: notes[index].revision, author: participant,
                                     opId: "op\(opCount)", at: Self.at(seconds))
    }

    /// Adds or removes a participant at `seconds`, as the HTTP API does (no author).
    mutating func change(_ change: ParticipantChange, at seconds: Double) throws {
        tick(seconds)
        log(try state.apply(change, at: Self.at(seconds)).get(), by: nil)
    }

    /// Applies a session edit (PATCH) at `seconds`.
    mutating func edit(_ edit: SessionEdit, at seconds: Double) throws {
        tick(seconds)
        log(try state.apply(edit, at: Self.at(seconds)).get(), by: nil)
    }

    private mutating func log(_ new: [Event], by author: String?) {
        for event in new {
            events.append(LoggedEvent(seq: Int64(events.count + 1), event: event, author: author))
        }
    }

    /// The record input at `seconds`.
    func input(at seconds: Double) -> RecordInput {
        RecordInput(state: state, notes: notes, events: events, generatedAt: Self.at(seconds), baseline: baseline)
    }

    /// The script up to (not including) the end when `ending` is false.
    static func played(ending: Bool = true, timeZone: String = "Europe/London") throws -> ScriptedReview {
        var review = ScriptedReview(timeZone: timeZone)
        try review.run(.sessionStart, by: "f1", at: 0)
        try review.run(.promptShow(prompt: "q1"), by: "f1", at: 10)
        try review.run(.floorGrant(participant: "h1"), by: "f1", at: 20)
        try review.append("Pupils read every day in class.\n", to: "evidence", by: "r1", at: 100)
        try review.append("Clearly the <script>alert(1)</script> library is always busy.", to: "evidence", by: "h1", at: 150)
        try review.run(.floorGrant(participant: "r1"), by: "f1", at: 200)
        try review.run(.floorRelease(), by: "f1", at: 260)
        try review.run(.clockExtend(seconds: 120), by: "f1", at: 300)
        try review.run(.clockPause, by: "f1", at: 400)
        try review.run(.clockResume, by: "f1", at: 460)
        try review.run(.promptDiscussed(prompt: "q1", discussed: true), by: "f1", at: 500)
        try review.run(.phaseNext(), by: "f1", at: 800)
        try review.run(.roundStart(secondsEach: 60), by: "f1", at: 810)
        try review.run(.roundPass, by: "r1", at: 830)
        review.tick(890)
        review.tick(950)
        try review.run(.phaseNext(), by: "f1", at: 1000)
        try review.append("- Ben to trial reading buddies by March\n", to: "actions", by: "f1", at: 1010)
        if ending { try review.run(.sessionEnd, by: "f1", at: 1060) }
        return review
    }
}
