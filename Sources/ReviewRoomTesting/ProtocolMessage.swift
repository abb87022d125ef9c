import Foundation

/// One message a ``ProtocolClient`` received: a text frame's JSON, or the close frame.
public struct ProtocolMessage: Sendable, CustomStringConvertible {
    /// The frame's text (empty for a close).
    public let text: String
    /// The close code when this is the close frame.
    public let closeCode: UInt16?

    /// Wraps a text frame.
    public init(text: String) {
        self.text = text
        closeCode = nil
    }

    /// Wraps a close frame.
    public init(closeCode: UInt16) {
        text = ""
        self.closeCode = closeCode
    }

    /// The JSON object (empty when it is not one).
    public var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// `type`, or "close" for the close frame.
    public var type: String { closeCode != nil ? "close" : object["type"] as? String ?? "" }
    /// `id` of an ack or error.
    public var id: Int64? { (object["id"] as? NSNumber)?.int64Value }
    /// `seq`.
    public var seq: Int64? { (object["seq"] as? NSNumber)?.int64Value }
    /// `name` of an event.
    public var name: String? { object["name"] as? String }
    /// `code` of an error.
    public var code: String? { object["code"] as? String }
    /// `data` of an event.
    public var data: [String: Any] { object["data"] as? [String: Any] ?? [:] }

    /// The text, or "close CODE".
    public var description: String { closeCode.map { "close \($0)" } ?? text }
}
