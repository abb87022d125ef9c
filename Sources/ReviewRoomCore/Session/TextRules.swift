/// How the texts people type (names, titles, questions) are measured, alike for the HTTP API
/// and the WebSocket commands. Which characters they hold is not checked: the pages and the
/// record neutralise what could disturb them (control characters, direction controls).
public enum TextRules {
    /// A text's length as the limits count it: Unicode code points, as JSON Schema's `maxLength`
    /// in the OpenAPI document does. (Counted as characters a reader sees, one letter with a
    /// thousand combining marks was one, and such text got past every limit.)
    public static func length(_ text: String) -> Int {
        text.unicodeScalars.count
    }

    /// True when nothing of `text` shows: it is empty or holds only white space and invisible
    /// format characters (zero-width spaces and joiners, direction marks, byte-order marks).
    public static func showsNothing(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint }
    }
}
