/// The rules prepared for the in-place scan: every word any rule mentions (phrase or context
/// word) gets a number, and the rules are listed by their first word's number, longest phrase
/// first, so that matching a word is one dictionary look-up and then integer comparisons.
struct HintRuleIndex: Sendable {
    /// The number of a word no rule mentions.
    static let unknownWord: Int32 = -1

    /// The vocabulary's ASCII words of at most ``PackedWord/capacity`` bytes, by packed bytes.
    let packed: PackedWordTable
    /// Every vocabulary word (compared as `String`s compare: by canonical equivalence).
    let byString: [String: Int32]
    /// Whether every vocabulary word is in ``packed``. Then a note word that is not ASCII once
    /// lower-cased, or is longer, matches none and is never built as a `String`: a non-ASCII
    /// scalar other than the few that lower-case to ASCII is never canonically equivalent to
    /// ASCII text (the tests check every scalar).
    let allPacked: Bool
    /// Rules by their first word's number, longest phrase first.
    let rulesByFirstWord: [[CompiledHintRule]]
    /// Ring slots the matcher needs (a power of two): the longest phrase, the word before it
    /// and the word after it must all be held at once.
    let ringCapacity: Int

    /// Numbers every word of `rules` (grouped by first word, longest phrase first).
    init(_ grouped: [String: [LanguageRule]]) {
        var numbers: [String: Int32] = [:]
        func number(_ word: String) -> Int32 {
            if let known = numbers[word] { return known }
            let next = Int32(numbers.count)
            numbers[word] = next
            return next
        }
        var byFirst: [Int32: [CompiledHintRule]] = [:]
        var longest = 1
        for (first, rules) in grouped {
            byFirst[number(first)] = rules.map { rule in
                longest = max(longest, rule.words.count)
                return CompiledHintRule(words: rule.words.map(number), unlessBefore: Set(rule.unlessBefore.map(number)),
                                        unlessAfter: Set(rule.unlessAfter.map(number)), suggestion: rule.suggestion)
            }
        }
        var packed: [PackedWord: Int32] = [:]
        for (word, number) in numbers {
            if let key = PackedWord(word) { packed[key] = number }
        }
        self.packed = PackedWordTable(packed)
        byString = numbers
        allPacked = packed.count == numbers.count
        rulesByFirstWord = (0 ..< Int32(numbers.count)).map { byFirst[$0] ?? [] }
        var capacity = 4
        while capacity < longest + 2 { capacity *= 2 }
        ringCapacity = capacity
    }

    /// The rules whose phrase starts with word number `word` (none for ``unknownWord``).
    @inline(__always)
    func rules(startingWith word: Int32) -> [CompiledHintRule]? {
        word >= 0 && Int(word) < rulesByFirstWord.count ? rulesByFirstWord[Int(word)] : nil
    }
}
