/// Answers HTTP requests that are not WebSocket upgrades. Called off the service thread;
/// the transport parks the request until the answer arrives.
public protocol HTTPResponder: Sendable {
    /// Produces the response for one request.
    func respond(to request: HTTPRequest) async -> HTTPResponse

    /// The answer to a request the transport refuses itself (``HTTPRefusal``), so those
    /// answers carry the same body shape and headers as the responder's own errors.
    ///
    /// Called on the service thread: it must be quick and must not block. The transport adds
    /// `Content-Length` and `Connection: close`. The default is ``HTTPRefusal/problemResponse``.
    func refusal(_ refusal: HTTPRefusal) -> HTTPResponse
}

extension HTTPResponder {
    /// The refusal as a bare `application/problem+json` response.
    public func refusal(_ refusal: HTTPRefusal) -> HTTPResponse { refusal.problemResponse }
}
