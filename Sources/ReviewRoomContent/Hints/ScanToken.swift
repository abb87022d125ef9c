/// A word of note text as the in-place scanner keeps it: trivial fields only, so a small ring
/// of them lives in scratch memory with nothing to allocate or release.
struct ScanToken: Sendable {
    /// The word's number in the rule index's vocabulary, or ``HintRuleIndex/unknownWord`` when
    /// it is no word any rule mentions.
    var word: Int32
    /// Start in UTF-16 code units.
    var from: Int
    /// End (exclusive) in UTF-16 code units.
    var to: Int
    /// Whether only blanks (spaces and tabs) separate it from the previous word.
    var joinedToPrevious: Bool
    /// Whether it stands inside quotation marks.
    var quoted: Bool

    /// A placeholder for ring slots not yet written.
    static let empty = ScanToken(word: HintRuleIndex.unknownWord, from: 0, to: 0, joinedToPrevious: false, quoted: false)
}
