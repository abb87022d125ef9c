import Foundation

/// One message a ``ProtocolClient`` received: a text frame's JSON, or the close frame.
///
/// The fields tests match on (`type`, `id`, `seq`, `name`, `code`) are read once, when the
/// message is logged, so that waiting on a log of large messages does not parse each again
/// for every predicate.
public struct ProtocolMessage: Sendable, CustomStringConvertible {
    /// The frame's text (empty for a close).
    public let text: String
    /// The close code when this is the close frame.
    public let closeCode: UInt16?
    /// `type`, or "close" for the close frame.
    public let type: String
    /// `id` of an ack or error.
    public let id: Int64?
    /// `seq`.
    public let seq: Int64?
    /// `name` of an event.
    public let name: String?
    /// `code` of an error.
    public let code: String?

    /// Wraps a text frame.
    public init(text: String) {
        self.text = text
        closeCode = nil
        let object = Self.parse(text)
        type = object["type"] as? String ?? ""
        id = (object["id"] as? NSNumber)?.int64Value
        seq = (object["seq"] as? NSNumber)?.int64Value
        name = object["name"] as? String
        code = object["code"] as? String
    }

    /// Wraps a close frame.
    public init(closeCode: UInt16) {
        text = ""
        self.closeCode = closeCode
        type = "close"
        id = nil
        seq = nil
        name = nil
        code = nil
    }

    /// The JSON object (empty when it is not one).
    public var object: [String: Any] { Self.parse(text) }

    /// `data` of an event.
    public var data: [String: Any] { object["data"] as? [String: Any] ?? [:] }

    /// The text, or "close CODE".
    public var description: String { closeCode.map { "close \($0)" } ?? text }

    private static func parse(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
