import ReviewRoomCore

/// A message the server answers with `{"type":"error","id":…,"code":…,"message":…}`:
/// nothing it asked for was done.
public struct ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The wire code (PROTOCOL.md §3.4).
    public var code: ErrorCode
    /// What was wrong with this message.
    public var message: String
    /// The command's `id`, or nil when it could not be read (sent as `null`).
    public var id: Int64?

    /// Creates an error.
    public init(code: ErrorCode, message: String, id: Int64?) {
        self.code = code
        self.message = message
        self.id = id
    }

    /// A `bad_request` about this message.
    public static func badRequest(_ message: String, id: Int64?) -> ProtocolError {
        ProtocolError(code: .badRequest, message: message, id: id)
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
