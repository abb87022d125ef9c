/// A facilitator's edit of a scheduled or running session (HTTP `PATCH`): only the fields
/// given change. `agenda` is given whole and matched to the current agenda by position;
/// `deck` replaces the prompt deck.
public struct SessionEdit: Equatable, Sendable {
    /// New title.
    public var title: String?
    /// New enquiry focus.
    public var focus: String?
    /// New planned start.
    public var startsAt: Timestamp?
    /// New IANA time zone.
    public var timeZone: String?
    /// The whole new agenda.
    public var agenda: [Phase]?
    /// The whole new prompt deck.
    public var deck: [Prompt]?

    /// Creates an edit.
    public init(title: String? = nil, focus: String? = nil, startsAt: Timestamp? = nil, timeZone: String? = nil,
                agenda: [Phase]? = nil, deck: [Prompt]? = nil) {
        self.title = title
        self.focus = focus
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.agenda = agenda
        self.deck = deck
    }
}
