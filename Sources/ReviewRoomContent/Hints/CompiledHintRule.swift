/// A ``LanguageRule`` with its words replaced by vocabulary numbers, so matching compares
/// integers (see ``HintRuleIndex``).
struct CompiledHintRule: Sendable {
    /// The phrase's words, in order.
    var words: [Int32]
    /// Numbers of the words that lift the match when they come next.
    var unlessBefore: Set<Int32>
    /// Numbers of the words that lift the match when they come just before.
    var unlessAfter: Set<Int32>
    /// The reframe shown with the hint.
    var suggestion: String
}
