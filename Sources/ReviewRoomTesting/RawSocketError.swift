/// Why a raw test client could not do what it was asked.
public struct RawSocketError: Error, CustomStringConvertible, Equatable {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// Could not resolve or connect.
        case connectFailed = "connect_failed"
        /// Nothing arrived within the read timeout.
        case timedOut = "timed_out"
        /// The peer closed the connection.
        case closed
        /// A system call failed.
        case system
        /// The peer sent something that is not valid HTTP/WebSocket.
        case malformed
        /// The WebSocket upgrade was answered with something other than 101.
        case upgradeRefused = "upgrade_refused"
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
