import ReviewRoomCore
import ReviewRoomStore

/// A `POST` or `PATCH /api/v1/sessions…` body after checking: each field nil when not given.
struct SessionRequest: Sendable {
    var title: String?
    var hostSchool: String?
    var focus: String?
    var startsAt: Timestamp?
    var timeZone: String?
    /// From `template` or `agenda`, with phase ids assigned.
    var agenda: [Phase]?
    /// From `promptDeck` or `prompts`, with prompt ids assigned.
    var deck: [Prompt]?
    var notes: [NoteHeading]?
    var participants: [InviteRequest]?
    var lobbyOpensMinutesBefore: Int?
    var autoStart: Bool?
    /// The session this one follows (`followsSession`, a ReviewRoom addition: a post-review
    /// workshop names its review); `POST` only, checked against the caller's sessions when stored.
    var followsSession: SessionID?

    /// Longest title, host school or name, in characters.
    static let maxShortText = 200
    /// Longest focus or prompt text, in characters.
    static let maxLongText = 2_000

    /// The notes a session has when the request names none.
    static let defaultNotes = [
        NoteHeading(id: "evidence", title: "Evidence"),
        NoteHeading(id: "went-well", title: "What went well"),
        NoteHeading(id: "even-better-if", title: "Even better if"),
        NoteHeading(id: "questions", title: "Questions"),
        NoteHeading(id: "actions", title: "Actions"),
    ]
}
