/// Text being copied without its comments (``ScriptComments``, ``StyleComments``): where a
/// comment was, only what keeps the rest meaning what it did, and no spaces left at a line's end.
struct CommentFreeText {
    /// The text so far, UTF-8.
    private(set) var bytes: [UInt8] = []

    /// Empty, with room for `capacity` bytes.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends one byte as it was.
    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends bytes as they were.
    mutating func append(contentsOf slice: some Sequence<UInt8>) { bytes.append(contentsOf: slice) }

    /// Appends line breaks outside any string, dropping the spaces and tabs before them.
    mutating func appendLineBreak(_ lineBreaks: some Sequence<UInt8>) {
        dropTrailingBlanks()
        bytes.append(contentsOf: lineBreaks)
    }

    /// Drops the spaces and tabs at the end (of a line, or of the text when it is complete).
    mutating func dropTrailingBlanks() {
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
    }

    /// Keeps two tokens apart where a comment without a line break parted them: a space, unless
    /// white space is there already.
    mutating func separate() {
        guard let last = bytes.last, ![0x20, 0x09, 0x0A, 0x0D].contains(last) else { return }
        bytes.append(0x20)
    }
}
