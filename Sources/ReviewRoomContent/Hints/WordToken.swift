/// A word of note text as the language rules see it.
struct WordToken: Equatable, Sendable {
    /// The word lower-cased, curly apostrophes as `'` and Unicode hyphens as `-`.
    var word: String
    /// Start in UTF-16 code units.
    var from: Int
    /// End (exclusive) in UTF-16 code units.
    var to: Int
    /// Range of the word in the text's unicode scalars.
    var scalars: Range<Int>
    /// Whether only blanks (spaces and tabs) separate it from the previous word.
    var joinedToPrevious: Bool
    /// Whether it stands inside quotation marks (a quote is not the writer's own wording).
    var quoted: Bool
}
