import Foundation

/// A request the transport answers itself, before (or instead of) the responder: an HTTP/1.1
/// request without `Host` or with two (400, `HostRequirement`), a body
/// without `Content-Length` (411), one over `maxRequestBodyBytes` (413), an unreadable
/// length (400), an unknown method (405), or a refused WebSocket upgrade (no or another
/// subprotocol 400, foreign `Origin` 403, another path 404, shutting down 503).
///
/// The ``HTTPResponder`` shapes the answer (``HTTPResponder/refusal(_:)``); the transport
/// writes it like any other response (status, headers, `Content-Length`) plus
/// `Connection: close`, then closes the connection (an unread body is dropped).
public struct HTTPRefusal: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The status' reason phrase, e.g. `Length Required`.
    public var title: String
    /// What was wrong with this request.
    public var detail: String
    /// Header fields the status itself calls for (426's `Sec-WebSocket-Version`), by name;
    /// the transport adds them to the response, in name order.
    public var headers: [String: String]

    /// Creates a refusal; `title` defaults to the status' reason phrase.
    public init(status: Int, title: String? = nil, detail: String, headers: [String: String] = [:]) {
        self.status = status
        self.title = title ?? Self.reasonPhrase(status)
        self.detail = detail
        self.headers = headers
    }

    /// An RFC 9457 `application/problem+json` response (`type`, `title`, `status`, `detail`),
    /// the default when the responder does not shape refusals itself.
    public var problemResponse: HTTPResponse {
        let object: [String: Any] = ["type": "about:blank", "title": title, "status": status, "detail": detail]
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            .map { [UInt8]($0) } ?? Array("{}".utf8)
        return HTTPResponse(status: status, headers: [("Content-Type", "application/problem+json")], body: body)
    }

    /// The reason phrase of the statuses the transport refuses with.
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 411: "Length Required"
        case 413: "Content Too Large"
        case 426: "Upgrade Required"
        case 503: "Service Unavailable"
        default: "Error"
        }
    }
}
