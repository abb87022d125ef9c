/// An id as an error message quotes it: `'p_asha'`, or its first 64 characters and "…".
///
/// A command may name a participant or a prompt with any string up to the message size, and
/// the message quoting it back went to the sender whole: `floor.grant` naming a 60,000-character
/// participant was answered with a 60,050-character `not_found` (an audit of malformed input).
/// Types, kinds and note names were already cut to 64 characters.
public enum QuotedID {
    /// The most characters of an id a message shows.
    public static let shownCharacters = 64

    /// `id` in single quotes, cut to ``shownCharacters`` with "…" after the cut.
    public static func quoted(_ id: String) -> String {
        id.count > shownCharacters ? "'\(id.prefix(shownCharacters))…'" : "'\(id)'"
    }
}
