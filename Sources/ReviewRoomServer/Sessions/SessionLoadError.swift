import ReviewRoomStore

/// A stored session that cannot be brought back to life, and why.
public struct SessionLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The session.
    public var session: SessionID
    /// What is wrong with it.
    public var message: String

    /// Creates the error.
    public init(session: SessionID, message: String) {
        self.session = session
        self.message = message
    }

    /// "session s_…: message".
    public var description: String { "session \(session): \(message)" }
}
