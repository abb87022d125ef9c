/// Where a client connection goes: `ws://host:port/path` with a subprotocol.
public struct WebSocketClientTarget: Sendable, Equatable {
    /// IPv4/IPv6 literal or name (the benchmark only uses loopback).
    public var host: String
    /// TCP port.
    public var port: Int
    /// Request path, e.g. `/ws`.
    public var path: String
    /// The `Sec-WebSocket-Protocol` to ask for (`reviewroom.v1`).
    public var subprotocol: String

    /// Creates a target.
    public init(host: String, port: Int, path: String = "/ws", subprotocol: String = "reviewroom.v1") {
        self.host = host
        self.port = port
        self.path = path
        self.subprotocol = subprotocol
    }
}
