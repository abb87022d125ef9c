/// Why the transport could not do what it was asked.
public struct TransportError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure it was.
    public enum Code: String, Sendable {
        /// The server was asked to start twice, or to do something before starting.
        case invalidState = "invalid_state"
        /// libwebsockets refused to create the context or the vhost (bind failed, bad TLS files…).
        case startFailed = "start_failed"
        /// The ``HTTPOnlyListener``'s address could not be bound (in use, or not local).
        case httpOnlyListenFailed = "http_only_listen_failed"
        /// The TLS certificate or key could not be loaded.
        case tlsLoadFailed = "tls_load_failed"
        /// TLS is not configured, so there is nothing to reload.
        case tlsNotConfigured = "tls_not_configured"
        /// The inherited listener descriptor is unusable.
        case badListener = "bad_listener"
        /// The service thread did not answer in time.
        case timedOut = "timed_out"
    }

    /// The kind of failure.
    public var code: Code
    /// What went wrong with this input, in words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `<code>: <message>`.
    public var description: String { "\(code.rawValue): \(message)" }
}
