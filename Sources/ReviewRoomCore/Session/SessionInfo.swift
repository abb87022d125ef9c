/// The scheduling facts of a session, as the facilitator set them.
public struct SessionInfo: Codable, Equatable, Sendable {
    /// Opaque session id.
    public var id: String
    /// Title of the review.
    public var title: String
    /// The school being reviewed.
    public var hostSchool: String
    /// The host school's enquiry focus.
    public var focus: String
    /// When the session is planned to start.
    public var startsAt: Timestamp
    /// IANA time zone the session was planned in, e.g. `Europe/London` (display only).
    public var timeZone: String
    /// How many minutes before `startsAt` people may join (the lobby).
    public var lobbyOpensMinutesBefore: Int
    /// Whether the session starts by itself at `startsAt`.
    public var autoStart: Bool

    /// Creates session info.
    public init(id: String, title: String, hostSchool: String, focus: String, startsAt: Timestamp,
                timeZone: String, lobbyOpensMinutesBefore: Int = 15, autoStart: Bool = false) {
        self.id = id
        self.title = title
        self.hostSchool = hostSchool
        self.focus = focus
        self.startsAt = startsAt
        self.timeZone = timeZone
        self.lobbyOpensMinutesBefore = lobbyOpensMinutesBefore
        self.autoStart = autoStart
    }

    /// The instant the lobby opens: `startsAt − lobbyOpensMinutesBefore`.
    public var opensAt: Timestamp {
        Timestamp(millisecondsSince1970: startsAt.millisecondsSince1970 - Int64(lobbyOpensMinutesBefore) * 60_000)
    }
}
