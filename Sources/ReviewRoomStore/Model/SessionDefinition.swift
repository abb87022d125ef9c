import ReviewRoomCore

/// What a facilitator scheduled: everything about a session that is not its live state.
///
/// Agenda, prompt deck and note list are opaque JSON text owned by the server and core.
public struct SessionDefinition: Sendable, Equatable {
    /// The session's title.
    public var title: String
    /// The school hosting the review.
    public var hostSchool: String
    /// The question the review focuses on.
    public var focus: String
    /// The scheduled start.
    public var startsAt: Timestamp
    /// IANA time zone name for display and calendars.
    public var timeZone: String
    /// How long before `startsAt` the lobby opens.
    public var lobbyOpensMinutesBefore: Int
    /// Whether the first phase starts by itself at `startsAt`.
    public var autoStart: Bool
    /// The agenda as JSON text.
    public var agendaJSON: String
    /// The prompt deck as JSON text.
    public var promptsJSON: String
    /// The note list (`[{id, title}]`) as JSON text.
    public var notesJSON: String

    /// Creates a definition.
    public init(
        title: String, hostSchool: String, focus: String, startsAt: Timestamp, timeZone: String,
        lobbyOpensMinutesBefore: Int = 15, autoStart: Bool = false,
        agendaJSON: String = "[]", promptsJSON: String = "[]", notesJSON: String = "[]"
    ) {
        self.title = title
        self.hostSchool = hostSchool
        self.focus = focus
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.lobbyOpensMinutesBefore = lobbyOpensMinutesBefore
        self.autoStart = autoStart
        self.agendaJSON = agendaJSON
        self.promptsJSON = promptsJSON
        self.notesJSON = notesJSON
    }
}
