import Foundation

/// JSON in and out with Foundation, as a plain relay would do it.
enum PeerJSON {
    /// Encodes a JSON object to a string (`{}` if it cannot be encoded).
    static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text
    }

    /// Decodes a JSON object, or nil.
    static func decode(_ text: String) -> [String: Any]? {
        guard let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// Now as an RFC 3339 string with milliseconds.
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true))
    }
}
