/// The `data` of a `session.changed` event: the editable parts of a session, whole.
/// Encodes as `{title, focus, startsAt, timeZone, agenda, prompts}`.
public struct SessionChange: Codable, Equatable, Sendable {
    /// Title of the review.
    public var title: String
    /// Enquiry focus.
    public var focus: String
    /// Planned start.
    public var startsAt: Timestamp
    /// IANA time zone.
    public var timeZone: String
    /// The whole agenda.
    public var agenda: [Phase]
    /// The whole prompts value.
    public var prompts: Prompts

    /// Creates a session change.
    public init(title: String, focus: String, startsAt: Timestamp, timeZone: String, agenda: [Phase], prompts: Prompts) {
        self.title = title
        self.focus = focus
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.agenda = agenda
        self.prompts = prompts
    }
}
