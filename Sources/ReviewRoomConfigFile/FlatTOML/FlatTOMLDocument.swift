import ReviewRoomServer

/// What ``FlatTOMLParser`` made of a file: the top-level `key = value` entries it read, in
/// order, and every problem, each tied to its line.
struct FlatTOMLDocument {
    /// One `key = value` line.
    struct Entry {
        /// The key, unquoted.
        var key: String
        /// The value.
        var value: ConfigValue
    }

    /// One thing wrong with the text.
    struct Problem: Equatable {
        /// The file's line (1-based).
        var line: Int
        /// The column on that line, counted in Unicode scalars (1-based).
        var column: Int
        /// The key of the statement, when it was read before the fault.
        var key: String?
        /// What is wrong, in words.
        var message: String
        /// Whether the message is about the file's bytes rather than its syntax (a control
        /// character): the line is then not quoted back, as it would carry the character.
        var damaged = false
    }

    /// The entries, in file order, each key once.
    var entries: [Entry] = []
    /// The problems, in file order.
    var problems: [Problem] = []
}
