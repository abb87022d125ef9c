/// The error codes of protocol v1 (PROTOCOL.md §3.4). The raw value is the string on the wire.
public enum ErrorCode: String, Codable, Sendable, CaseIterable {
    /// `bad_request`: the message or one of its values is malformed or out of range.
    case badRequest = "bad_request"
    /// `unauthorized`: the sender is not known to this session.
    case unauthorized
    /// `forbidden`: the sender's role (or person) may not send this command.
    case forbidden
    /// `not_found`: a named participant, prompt, note or session does not exist.
    case notFound = "not_found"
    /// `invalid_state`: the command does not fit the session's current state.
    case invalidState = "invalid_state"
    /// `invalid_op`: a note op breaks the rules of PROTOCOL.md §3.3.
    case invalidOp = "invalid_op"
    /// `too_large`: a message or note exceeds its configured limit.
    case tooLarge = "too_large"
    /// `rate_limited`: the connection sent more messages than it may.
    case rateLimited = "rate_limited"
    /// `not_open`: the session's lobby has not opened yet.
    case notOpen = "not_open"
    /// `session_ended`: the session has ended; nothing can change any more.
    case sessionEnded = "session_ended"
    /// `internal`: the server failed; the command may be retried.
    case `internal`
}
