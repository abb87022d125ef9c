/// An HTTP request as the transport received it (headers lower-cased).
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, `PATCH`, `DELETE`, …
    public var method: String
    /// The path without the query, as libwebsockets 4.1.6 hands it over: percent-decoded, with
    /// `.`/`..` segments and repeated `/` resolved (so `/a%20b/../c` arrives as `/c`). lws has no
    /// switch to keep the raw form.
    public var path: String
    /// The query's arguments (after `?`) as libwebsockets 4.1.6 splits them — at `&` and at
    /// `;` — each percent-decoded by lws (`q=%41` arrives as `q=A`, `q=%26` as `q=&`). Look an
    /// argument up here, not in ``query``: there a decoded `&` would split one argument in two.
    public var queryArguments: [String]
    /// The arguments joined with `&` (nil when there are none), for display only.
    public var query: String? { queryArguments.isEmpty ? nil : queryArguments.joined(separator: "&") }
    /// Request headers, names lower-cased: every header lws 4.1.6 knows by name, plus those listed
    /// in ``TransportConfiguration/customRequestHeaders``. Repeated headers are joined by lws.
    public var headers: [String: String]
    /// The body (empty when none), at most `maxRequestBodyBytes`.
    public var body: [UInt8]
    /// Remote peer address (IP text), for loopback-only endpoints such as `/metrics`.
    public var remoteAddress: String

    /// Creates a request (used by the transport and by tests): the query's arguments as
    /// `queryArguments`, or as a `query` string split at `&`.
    public init(method: String, path: String, query: String? = nil, queryArguments: [String]? = nil,
                headers: [String: String] = [:], body: [UInt8] = [], remoteAddress: String = "127.0.0.1") {
        self.method = method; self.path = path
        self.queryArguments = queryArguments ?? query.map { $0.split(separator: "&").map(String.init) } ?? []
        self.headers = headers; self.body = body; self.remoteAddress = remoteAddress
    }
}
