/// Answers HTTP requests that are not WebSocket upgrades. Called off the service thread;
/// the transport parks the request until the answer arrives.
public protocol HTTPResponder: Sendable {
    /// Produces the response for one request.
    func respond(to request: HTTPRequest) async -> HTTPResponse
}
