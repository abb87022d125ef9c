import ReviewRoomCore
import ReviewRoomStore

/// A `session` in API replies (PROTOCOL.md §2), with `status` computed at the request's time.
struct SessionReply: Encodable, Sendable {
    /// `{id, name, role}` of a participant.
    struct Person: Encodable, Sendable {
        var id: String
        var name: String
        var role: Role
    }

    var id: String
    var title: String
    var hostSchool: String
    var focus: String
    var startsAt: Timestamp
    var timeZone: String
    var status: ClockStatus
    var lobbyOpensMinutesBefore: Int
    var autoStart: Bool
    var agenda: [Phase]
    var prompts: Prompts
    var notes: [NoteHeading]
    var participants: [Person]
    var createdAt: Timestamp
    /// When `retention_days` will erase the session; left out on a server that keeps sessions.
    var erasesAt: Timestamp?
    /// The id of the session this one follows (a post-review workshop's review), as named when it
    /// was scheduled (a ReviewRoom addition); left out when it follows none.
    var followsSession: String?

    /// The reply for `state` (as it stands at `now`) of the stored `session`.
    init(_ state: SessionState, session: StoredSession, at now: Timestamp) {
        id = session.id.rawValue
        title = state.info.title
        hostSchool = state.info.hostSchool
        focus = state.info.focus
        startsAt = state.info.startsAt
        timeZone = state.info.timeZone
        // Not `status(at:)`: an `autoStart` session whose start is due is live even before its
        // actor's timer fires (the `POST` reply is built from the state just created).
        status = state.statusAfterDueEvents(at: now)
        lobbyOpensMinutesBefore = state.info.lobbyOpensMinutesBefore
        autoStart = state.info.autoStart
        agenda = state.agenda
        prompts = state.prompts
        notes = state.notes
        participants = state.participants.map { Person(id: $0.id, name: $0.name, role: $0.role) }
        createdAt = session.createdAt
        followsSession = session.followsSession?.rawValue
    }
}
