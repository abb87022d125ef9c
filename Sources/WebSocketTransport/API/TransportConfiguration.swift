/// Everything the transport needs to know to listen and to police connections.
public struct TransportConfiguration: Sendable {
    /// Address to bind, numeric (`127.0.0.1`, `::`): ``WebSocketServer/start()`` refuses a host name,
    /// which libwebsockets would take for an interface name.
    public var host: String = "127.0.0.1"
    /// Names ``host`` is also reached by (a `listen` host name that resolved to it); a browser
    /// `Origin` with one of them and the bound port is the daemon's own.
    public var hostNames: [String] = []
    /// Port to bind; 0 picks a free one (read it back from ``WebSocketServer/start()``).
    public var port: Int = 8080
    /// A listening socket inherited from systemd (socket activation); when set, host/port are ignored.
    public var inheritedListenerFD: Int32? = nil
    /// A second address serving plain HTTP only, with its own responder (see ``HTTPOnlyListener``);
    /// none by default. It binds its own address even when the main port is socket-activated.
    public var httpOnlyListener: HTTPOnlyListener? = nil
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
    /// Seconds libwebsockets allows each step of an HTTP exchange (the headers, each piece of
    /// body, the answer) before it closes the connection, and the whole body's deadline
    /// (``BodyDeadline``). 20 by default.
    public var httpTimeoutSeconds: Int = 20
    /// Seconds a WebSocket connection may stay silent (no message, no pong; at first, since it
    /// opened) before the server sends it a ping (at least 1). Browsers and WebSocket libraries
    /// answer pings by themselves; see ``idleHangupSeconds``.
    public var idlePingSeconds: Int = 20
    /// Seconds of silence after which a connection is dropped (no close handshake): a person
    /// whose network vanished without closing anything goes offline for the others within this
    /// time (at least ``idlePingSeconds`` + 1). A browser page sends its own heartbeat every
    /// 15 s, so a live page is never pinged; 35 s (60 s before) keeps a facilitator from giving
    /// the floor to someone whose laptop closed a minute ago, and still leaves a ping 15 s to
    /// be answered.
    public var idleHangupSeconds: Int = 35
    /// Unsent outbound bytes per connection, behind the frame next to go, above which it is
    /// closed with 4029 (so a single larger frame is still delivered).
    public var outboxLimitBytes: Int = 4 * 1024 * 1024
    /// Inbound messages queued for the consumer above which reading pauses (`lws_rx_flow_control`).
    public var inboundHighWaterMessages: Int = 256
    /// Told how long frames waited for the service thread and messages for their handling
    /// (for metrics); none by default, which also spares the clock readings.
    public var waitObserver: TransportWaitObserver? = nil
    /// Headers every HTTP response of every listener carries exactly once, e.g. security headers:
    /// the responder's answers, the transport's refusals (``HTTPResponder/refusal(_:)``) and the
    /// error pages libwebsockets writes itself (lws 4.1.6 refuses a bad percent escape or an
    /// unknown method with its own HTML 403 before any callback). They are the vhosts' canned
    /// headers, so a responder must not add them again. Not on the `101` of an upgrade.
    public var responseHeaders: [(String, String)] = []
    /// Largest HTTP request body (413 beyond).
    public var maxRequestBodyBytes: Int = 1024 * 1024
    /// Largest body over ``maxRequestBodyBytes`` that is still read (and dropped) before its 413,
    /// so that a client writing the whole body before it reads gets the answer, not a reset; a
    /// larger one, or one sent after `Expect: 100-continue`, is refused at once.
    public var maxDiscardedBodyBytes: Int = 16 * 1024 * 1024
    /// Request headers libwebsockets does not know by name that are still passed on in
    /// ``HTTPRequest/headers`` (lower-case). lws 4.1.6 parses ~100 common headers itself
    /// but cannot enumerate unknown ones, so they must be named here.
    public var customRequestHeaders: [String] = [
        "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-real-ip", "x-request-id", "idempotency-key",
    ]

    /// Defaults as documented in `Deploy/reviewroom.conf`.
    public init() {}
}
