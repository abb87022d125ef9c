import WebSocketTransport

/// A request matched to an `/api/v1` route, with the values of the route's `{name}` segments.
public struct APIRequest: Sendable {
    /// The request as received.
    public var http: HTTPRequest
    /// Path parameters by name, percent-decoded (`{id}` → `parameters["id"]`).
    public var parameters: [String: String]

    /// Creates a matched request.
    public init(http: HTTPRequest, parameters: [String: String]) {
        self.http = http; self.parameters = parameters
    }
}
