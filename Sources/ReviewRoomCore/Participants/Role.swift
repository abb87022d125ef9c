/// A participant's role in a session. The raw value is the wire string.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Runs the clock and the floor; may do everything.
    case facilitator
    /// Staff of the host school: speaks and writes notes.
    case host
    /// A visiting reviewer: speaks and writes notes.
    case reviewer
    /// Reads only: cannot edit or speak.
    case observer
    /// A room screen: read-only.
    case display

    /// Whether people in this role can hold the floor (raise hands, speak, take part in rounds).
    public var canSpeak: Bool {
        switch self {
        case .facilitator, .host, .reviewer: true
        case .observer, .display: false
        }
    }
}
