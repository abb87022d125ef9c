// CONTRACT FILE — the public surface of WebSocketTransport that ReviewRoomServer and
// reviewroomd code against. The transport helper replaces the bodies (and may split this
// file into one type per file), keeping these names and signatures. Anything added is fine;
// anything renamed must be renamed everywhere.
import Logging

/// Everything the transport needs to know to listen and to police connections.
public struct TransportConfiguration: Sendable {
    /// Address to bind, e.g. `127.0.0.1` or `::`.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (read it back from ``WebSocketServer/start()``).
    public var port: Int = 8080
    /// A listening socket inherited from systemd (socket activation); when set, host/port are ignored.
    public var inheritedListenerFD: Int32? = nil
    /// PEM certificate and key paths; when both are set the port serves HTTPS/WSS only.
    public var tlsCertificatePath: String? = nil
    /// PEM private key path; see ``tlsCertificatePath``.
    public var tlsPrivateKeyPath: String? = nil
    /// The one WebSocket subprotocol accepted; upgrades without it are refused.
    public var subprotocol: String = "reviewroom.v1"
    /// Path of the WebSocket endpoint.
    public var webSocketPath: String = "/ws"
    /// Origins (`scheme://host[:port]`) allowed besides the daemon's own.
    public var allowedOrigins: [String] = []
    /// The daemon's own public origin(s), e.g. from `public_url`; the bound address is always accepted too.
    public var ownOrigins: [String] = []
    /// Largest inbound WebSocket message after the connection is authenticated (close 1009 beyond).
    public var maxMessageBytes: Int = 64 * 1024
    /// Largest first message (the `hello`) before authentication (close 1009 beyond).
    public var preAuthMaxMessageBytes: Int = 4 * 1024
    /// Seconds a new WebSocket connection has to send its first message (close 4000 after).
    public var helloTimeoutSeconds: Double = 10
    /// Unsent outbound bytes per connection above which it is closed with 4029.
    public var outboxLimitBytes: Int = 4 * 1024 * 1024
    /// Inbound messages queued for the consumer above which reading pauses (`lws_rx_flow_control`).
    public var inboundHighWaterMessages: Int = 256
    /// Largest HTTP request body (413 beyond).
    public var maxRequestBodyBytes: Int = 1024 * 1024

    /// Defaults as documented in `Deploy/reviewroom.conf`.
    public init() {}
}

/// An HTTP request as the transport received it (headers lower-cased).
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `PATCH`, `DELETE`, …
    public var method: String
    /// The path without the query, percent-decoding not applied.
    public var path: String
    /// The raw query string without `?`, if any.
    public var query: String?
    /// Request headers, names lower-cased.
    public var headers: [String: String]
    /// The body (empty when none), at most `maxRequestBodyBytes`.
    public var body: [UInt8]
    /// Remote peer address (IP text), for loopback-only endpoints such as `/metrics`.
    public var remoteAddress: String

    /// Creates a request (used by the transport and by tests).
    public init(method: String, path: String, query: String? = nil, headers: [String: String] = [:],
                body: [UInt8] = [], remoteAddress: String = "127.0.0.1") {
        self.method = method; self.path = path; self.query = query
        self.headers = headers; self.body = body; self.remoteAddress = remoteAddress
    }
}

/// An HTTP response to write back.
public struct HTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Response headers (the transport adds `content-length`).
    public var headers: [(String, String)]
    /// Response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }
}

/// Answers HTTP requests that are not WebSocket upgrades. Called off the service thread;
/// the transport parks the request until the answer arrives.
public protocol HTTPResponder: Sendable {
    /// Produces the response for one request.
    func respond(to request: HTTPRequest) async -> HTTPResponse
}

/// What arrives on a WebSocket connection, in order.
public enum InboundMessage: Sendable {
    /// A whole text message (fragments reassembled), valid UTF-8.
    case text([UInt8])
}

/// Opaque identity of one WebSocket connection (never a `struct lws *`).
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    /// Monotonic number assigned at accept.
    public let rawValue: UInt64
    /// Creates an id.
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    /// `c<number>`.
    public var description: String { "c\(rawValue)" }
}

/// A text frame encoded once and shareable by many connections without copying.
public final class OutboundFrame: Sendable {
    /// Wraps UTF-8 JSON bytes (the transport keeps `LWS_PRE` headroom in front).
    public init(text: [UInt8]) { fatalError("transport: not implemented yet") }
    /// Payload length in bytes.
    public var count: Int { fatalError("transport: not implemented yet") }
}

/// One accepted WebSocket connection.
public final class WebSocketConnection: Sendable {
    /// Its id.
    public var id: ConnectionID { fatalError("transport: not implemented yet") }
    /// The `Origin` header of the upgrade, if any.
    public var origin: String? { fatalError("transport: not implemented yet") }
    /// Inbound messages in arrival order; finishes when the connection is closed.
    public var messages: AsyncStream<InboundMessage> { fatalError("transport: not implemented yet") }
    /// Queues a frame; returns false if the connection is closed or was just closed with 4029 for overflow.
    @discardableResult
    public func send(_ frame: OutboundFrame) -> Bool { fatalError("transport: not implemented yet") }
    /// Sends a close frame with `code` and `reason` after what is already queued, then closes.
    public func close(code: UInt16, reason: String) { fatalError("transport: not implemented yet") }
    /// Called once the first message (`hello`) was accepted: lifts the size limit to
    /// `maxMessageBytes` and resumes reading further messages.
    public func authenticated() { fatalError("transport: not implemented yet") }
}

/// Receives new WebSocket connections.
public protocol WebSocketAcceptor: Sendable {
    /// Takes ownership of a freshly upgraded connection (consume `messages` on one task).
    func accept(_ connection: WebSocketConnection)
}

/// The libwebsockets server: one service thread, HTTP and WebSocket on one port.
public final class WebSocketServer: Sendable {
    /// Creates a server; nothing listens until ``start()``.
    public init(configuration: TransportConfiguration, responder: any HTTPResponder,
                acceptor: any WebSocketAcceptor, logger: Logger) { fatalError("transport: not implemented yet") }
    /// Binds (or adopts the inherited listener), starts the service thread, returns the bound port.
    public func start() throws -> Int { fatalError("transport: not implemented yet") }
    /// Stops accepting, closes every WebSocket with 1001 "server going away", waits until their
    /// close frames are flushed or `timeoutSeconds` pass, then destroys the context on its thread.
    public func shutdown(timeoutSeconds: Double) async { fatalError("transport: not implemented yet") }
    /// Re-reads the TLS certificate and key (SIGHUP); throws with a clear message if they do not load.
    public func reloadTLS() throws { fatalError("transport: not implemented yet") }
    /// True when the service thread answered a round trip within `timeoutSeconds` (watchdog probe).
    public func probe(timeoutSeconds: Double) async -> Bool { fatalError("transport: not implemented yet") }
    /// Open WebSocket connections right now.
    public var connectionCount: Int { fatalError("transport: not implemented yet") }
}
