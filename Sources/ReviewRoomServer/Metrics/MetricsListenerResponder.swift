import WebSocketTransport

/// The responder of the `metrics_listen` address: `GET /metrics` (and `HEAD`) for any client
/// that reaches that address, nothing else.
///
/// Every other path is the same `application/problem+json` 404 as an unknown path on the main
/// port; another method on `/metrics` is 405. The transport refuses WebSocket upgrades on this
/// listener before they get here. Who may reach the address is the operator's choice of
/// `metrics_listen` (and firewall), so unlike ``MetricsEndpoint`` there is no loopback check.
public struct MetricsListenerResponder: HTTPResponder {
    /// What `/metrics` reports.
    public let metrics: Metrics

    /// Creates the responder.
    public init(metrics: Metrics) { self.metrics = metrics }

    /// Answers one request.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        route(request).finished()
    }

    private func route(_ request: HTTPRequest) -> HTTPResponseBuilder {
        guard request.path == "/metrics" else {
            return ProblemDetails(title: "Not Found", status: 404, detail: "nothing is served at \(request.path)").response()
        }
        let method = request.method.uppercased()
        guard method == "GET" || method == "HEAD" else {
            return ProblemDetails(title: "Method Not Allowed", status: 405,
                                  detail: "\(method) is not allowed on /metrics; allowed: GET, HEAD")
                .response(extraHeaders: [("Allow", "GET, HEAD")])
        }
        return HTTPResponseBuilder(status: 200, contentType: Metrics.contentType, body: Array(metrics.exposition().utf8))
    }
}
