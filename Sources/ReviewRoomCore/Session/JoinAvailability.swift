/// Whether someone may join a session at an instant.
public enum JoinAvailability: Equatable, Sendable {
    /// Joining is open (lobby, live, paused, or ended — an ended session is read-only).
    case open
    /// The lobby opens at `opensAt`; until then a `hello` gets `error` `not_open`.
    case notOpen(opensAt: Timestamp)
}
