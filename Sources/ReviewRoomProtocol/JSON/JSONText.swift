import ReviewRoomCore

/// Writing JSON text by hand where a frame is assembled from pieces that are already JSON
/// (stored event `data`, a note op's wire text).
public enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    public static func quote(_ text: String) -> String {
        var out = ""
        JSONStringLiteral.append(text, to: &out)
        return out
    }

    /// A number as JSON: integral values without a fraction (`5`, not `5.0`).
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.isFinite ? "\(value)" : "null"
    }

    /// An object from members whose values are already JSON text, in the order given.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { quote($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
