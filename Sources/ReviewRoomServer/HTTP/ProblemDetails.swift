import Foundation

/// An RFC 9457 `application/problem+json` error body (`type`, `title`, `status`, `detail`).
public struct ProblemDetails: Sendable, Codable, Equatable {
    /// A URI naming the kind of problem (`about:blank` when the status says it all).
    public var type: String
    /// Short summary of the kind of problem.
    public var title: String
    /// The HTTP status.
    public var status: Int
    /// What was wrong with this request.
    public var detail: String

    /// Creates a problem.
    public init(type: String = "about:blank", title: String, status: Int, detail: String) {
        self.type = type; self.title = title; self.status = status; self.detail = detail
    }

    /// The response carrying it, with `extraHeaders` (e.g. `Allow`).
    public func response(extraHeaders: [(String, String)] = []) -> HTTPResponseBuilder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(self)).map { [UInt8]($0) } ?? Array("{}".utf8)
        return HTTPResponseBuilder(status: status, contentType: "application/problem+json",
                                   headers: extraHeaders, body: body)
    }
}
