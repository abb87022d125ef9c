import WebSocketTransport

/// A response as a responder builds it; ``finished()`` makes the transport's response of it.
public struct HTTPResponseBuilder: Sendable {
    /// Status code.
    public var status: Int
    /// `Content-Type`, if there is a body type.
    public var contentType: String?
    /// Further headers.
    public var headers: [(String, String)]
    /// The body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, contentType: String? = nil, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status; self.contentType = contentType; self.headers = headers; self.body = body
    }

    /// A plain-text response.
    public static func text(_ status: Int, _ text: String) -> HTTPResponseBuilder {
        HTTPResponseBuilder(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    /// The transport's response. The security headers are not added here: the transport adds
    /// them to every response as its canned headers (``SecurityHeaders``). For HEAD the body
    /// stays: the transport sends its `Content-Length` and leaves the bytes out.
    public func finished() -> HTTPResponse {
        var all: [(String, String)] = []
        if let contentType { all.append(("Content-Type", contentType)) }
        all += headers
        return HTTPResponse(status: status, headers: all, body: body)
    }
}
