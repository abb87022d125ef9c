import ReviewRoomStore

/// Thrown by the registry when something asks it to load a session after graceful shutdown
/// began (``SessionRegistry/stopJoining()``): a session loaded then could miss the drain. The
/// HTTP API answers it like any request that arrives during shutdown: 503 with `Retry-After`.
public struct SessionsStopping: Error, CustomStringConvertible, Sendable {
    /// The session that was not loaded.
    public var session: SessionID

    /// `session 's_…' was not loaded: the server is shutting down`.
    public var description: String { "session '\(session)' was not loaded: the server is shutting down" }
}
