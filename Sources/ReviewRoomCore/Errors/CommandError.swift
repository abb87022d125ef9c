/// Why a command was refused: a wire ``ErrorCode`` and a message that says what was
/// wrong with *this* command. A refused command never changes the session.
public struct CommandError: Error, Equatable, Sendable {
    /// The wire code (PROTOCOL.md §3.4).
    public var code: ErrorCode
    /// A human-readable explanation naming the offending input.
    public var message: String

    /// Creates an error with a code and a message about this input.
    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }

    static func badRequest(_ message: String) -> CommandError { CommandError(code: .badRequest, message: message) }
    static func forbidden(_ message: String) -> CommandError { CommandError(code: .forbidden, message: message) }
    static func notFound(_ message: String) -> CommandError { CommandError(code: .notFound, message: message) }
    static func invalidState(_ message: String) -> CommandError { CommandError(code: .invalidState, message: message) }
}
