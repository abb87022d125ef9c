/// How an `opId` is kept as text in memory, in keys and in the store's `op_id` column.
///
/// PROTOCOL.md never types `opId`, so a client may send a JSON string or a JSON integer, and
/// `7` and `"7"` are two different ops. A string opId is kept as itself (so every opId stored
/// before integers were told apart keeps meaning the same string); an integer as
/// ``integerMark`` followed by its decimal digits. No accepted string opId starts with that
/// mark (the decoder refuses one that does), so the two forms never collide.
public enum OpIDText {
    /// U+FFFF, a Unicode noncharacter ("not for interchange"): what an integer opId's text
    /// starts with.
    public static let integerMark: Unicode.Scalar = "\u{FFFF}"

    /// The text kept for the integer opId `value`.
    public static func integer(_ value: Int) -> String {
        String(Character(integerMark)) + String(value)
    }

    /// The integer an opId's text stands for, or nil when it is a string opId.
    public static func integerValue(of text: String) -> Int? {
        guard text.unicodeScalars.first == integerMark else { return nil }
        return Int(text.dropFirst())
    }

    /// Whether `text`, received as a JSON string, could be taken for an integer opId's text.
    public static func isReserved(_ text: String) -> Bool {
        text.unicodeScalars.first == integerMark
    }

    /// The opId as a message shows it: an integer as its digits, a string in quotes, at most
    /// 64 characters of it (``QuotedID``).
    public static func described(_ text: String) -> String {
        if let value = integerValue(of: text) { return String(value) }
        return QuotedID.quoted(text)
    }
}
