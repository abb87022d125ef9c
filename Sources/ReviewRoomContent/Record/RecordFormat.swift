/// A record format (`?format=` value).
public enum RecordFormat: String, CaseIterable, Sendable {
    /// `text/markdown; charset=utf-8`
    case markdown = "md"
    /// `text/html; charset=utf-8`, a self-contained printable page.
    case html
    /// `application/json`, documented schema.
    case json

    /// The HTTP content type of this format.
    public var contentType: String {
        switch self {
        case .markdown: "text/markdown; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        case .json: "application/json"
        }
    }
}
