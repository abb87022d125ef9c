/// Why a test client (``ProtocolClient`` over libwebsockets, or a raw socket client) could not
/// do what it was asked.
public struct TestClientError: Error, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// Could not resolve or connect, or the WebSocket handshake failed.
        case connectFailed = "connect_failed"
        /// Nothing arrived (or the handshake did not complete) within the client's timeout.
        case timedOut = "timed_out"
        /// The connection has ended: the peer closed it, or nothing more can be sent on it.
        case closed
        /// A system call failed.
        case system
        /// The peer sent something that is not valid HTTP/WebSocket.
        case malformed
        /// The WebSocket upgrade was answered with something other than 101.
        case upgradeRefused = "upgrade_refused"
        /// The shared libwebsockets client could not start or has stopped.
        case clientUnavailable = "client_unavailable"
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, in words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `<code>: <message>`.
    public var description: String { "\(code.rawValue): \(message)" }
}
