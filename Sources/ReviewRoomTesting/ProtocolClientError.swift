/// Why a ``ProtocolClient`` could not connect or send.
public struct ProtocolClientError: Error, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// The connection was refused or its WebSocket handshake failed.
        case connectFailed = "connect_failed"
        /// The handshake did not complete within the client's timeout.
        case timedOut = "timed_out"
        /// The connection has already ended; nothing more can be sent on it.
        case closed
        /// The shared libwebsockets client could not start or has stopped.
        case clientUnavailable = "client_unavailable"
    }

    /// The kind of failure.
    public var code: Code
    /// What happened to this connection, in words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `<code>: <message>`.
    public var description: String { "\(code.rawValue): \(message)" }
}
