import ReviewRoomStore

/// Thrown by a session's actor asked to apply a facilitator's change after it stopped (retired
/// as idle by a concurrent request, or stopped by a failed write) without the session being
/// deleted: nothing was applied, and the registry retries on a freshly loaded actor.
struct SessionActorStopped: Error, CustomStringConvertible, Sendable {
    /// The session whose actor had stopped.
    var session: SessionID

    /// `session s_… is restarting; try again`.
    var description: String { "session \(session) is restarting; try again" }
}
