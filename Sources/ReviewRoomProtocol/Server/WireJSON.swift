import Foundation
import ReviewRoomCore

/// JSON text of Codable wire values, and core events split into `name` and `data` text.
public enum WireJSON {
    /// `value` as compact JSON text (keys sorted, so equal values give equal text).
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding the core's value types cannot fail: they hold only strings, numbers and
        // finite doubles; "null" keeps the frame well-formed should that ever change.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The `data` of a core event as JSON text (PROTOCOL.md §3.2's table).
    public static func data(of event: Event) -> String {
        let text = encode(event)
        let bytes = Array(text.utf8)
        guard let parsed = try? JSONParser.parse(bytes, maxDepth: 256), let data = parsed["data"] else { return "{}" }
        return String(decoding: bytes[data.range], as: UTF8.self)
    }

    /// Rebuilds a core event from its stored `name`, `at` and `data` (nil for `note.op` and
    /// anything that is not a core event).
    public static func event(name: String, at: Timestamp, data: String) -> Event? {
        let text = JSONText.object([("at", JSONText.quote(at.rfc3339)), ("name", JSONText.quote(name)), ("data", data)])
        return try? JSONDecoder().decode(Event.self, from: Data(text.utf8))
    }
}
