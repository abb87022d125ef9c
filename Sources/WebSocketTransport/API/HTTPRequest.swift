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
