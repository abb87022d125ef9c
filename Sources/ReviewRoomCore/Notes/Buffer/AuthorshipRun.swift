/// A range of a note's current text and who wrote it.
public struct AuthorshipRun: Equatable, Sendable {
    /// UTF-16 offsets in the current text.
    public var range: Range<Int>
    /// The participant who inserted these units; nil for text older than the snapshot the
    /// buffer was restored from (its authors are not in memory).
    public var author: String?

    /// Creates a run.
    public init(range: Range<Int>, author: String?) {
        self.range = range
        self.author = author
    }
}
