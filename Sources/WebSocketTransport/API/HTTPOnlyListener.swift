/// A second address the transport listens on that serves plain HTTP only, answered by its own
/// responder: no WebSocket upgrades (refused with 404) and no TLS, whatever the main port does.
///
/// It is a second libwebsockets vhost on the same context and service thread as the main port.
/// The daemon uses it for `metrics_listen`, whose responder serves nothing but `/metrics`.
public struct HTTPOnlyListener: Sendable {
    /// Address to bind, e.g. `127.0.0.1`, `0.0.0.0` or `::`.
    public var host: String
    /// Port to bind; 0 picks a free one (read it back from ``WebSocketServer/httpOnlyPort``).
    public var port: Int
    /// Answers every request that arrives on this listener.
    public var responder: any HTTPResponder

    /// Creates a listener description.
    public init(host: String, port: Int, responder: any HTTPResponder) {
        self.host = host
        self.port = port
        self.responder = responder
    }
}
