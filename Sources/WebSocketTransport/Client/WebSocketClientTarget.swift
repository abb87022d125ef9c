/// Where a client connection goes: `ws://host:port/path` (or `wss://` with ``tls``) with a subprotocol.
public struct WebSocketClientTarget: Sendable, Equatable {
    /// IPv4/IPv6 literal or name (the benchmark only uses loopback).
    public var host: String
    /// TCP port.
    public var port: Int
    /// Request path, e.g. `/ws`.
    public var path: String
    /// The `Sec-WebSocket-Protocol` to ask for (`reviewroom.v1`).
    public var subprotocol: String
    /// Speak TLS (`wss://`): the server's certificate must chain to the pool's
    /// `trustedCertificatesFile` and name ``serverName``.
    public var tls: Bool
    /// The name sent in the `Host` header (and SNI) and checked against the certificate; ``host``
    /// when nil. Lets a test connect to `127.0.0.1` and check a certificate issued for `localhost`.
    public var serverName: String?

    /// Creates a target.
    public init(host: String, port: Int, path: String = "/ws", subprotocol: String = "reviewroom.v1",
                tls: Bool = false, serverName: String? = nil) {
        self.host = host
        self.port = port
        self.path = path
        self.subprotocol = subprotocol
        self.tls = tls
        self.serverName = serverName
    }
}
