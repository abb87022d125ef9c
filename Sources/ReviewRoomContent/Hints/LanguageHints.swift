/// The documented rule set that flags judgemental wording (never blocks an edit).
///
/// Matching is by whole words, case-insensitive and Unicode-aware: a phrase matches words
/// separated only by spaces or tabs; hyphenated and apostrophised words are single words
/// ("poorly-ventilated" is not "poor"); words inside quotation marks are never flagged (a
/// quote is someone else's wording); a few context words lift a match ("poor connection",
/// "outstanding actions", "explained clearly", "thanks everyone"). The longest phrase at a
/// position wins. The full lists are in the LanguageHints article of the DocC catalogue.
public enum LanguageHints {
    /// Every hint in `text`, positions in UTF-16 code units from its start, in text order.
    public static func scan(_ text: String) -> [LanguageHint] {
        scan(text, index: catalogueIndex)
    }

    /// Every hint in text given as UTF-16 code units (as a note stores it), without building a
    /// `String` first; a lone surrogate reads as U+FFFD, as `String(decoding:as:)` would.
    public static func scan(utf16 units: [UInt16]) -> [LanguageHint] {
        units.withUnsafeBufferPointer { scan(utf16: $0) }
    }

    /// Every hint in UTF-16 code units read in place (the server scans a reused buffer after
    /// every edit): a scan that finds nothing allocates nothing; each hint found allocates its
    /// `phrase` (and the result array). Same results as the array overload.
    public static func scan(utf16 units: UnsafeBufferPointer<UInt16>) -> [LanguageHint] {
        scan(units, index: catalogueIndex)
    }

    /// Every hint that `rules` find in `text`.
    public static func scan(_ text: String, rules: [LanguageRule]) -> [LanguageHint] {
        scan(text, index: HintRuleIndex(grouped(rules)))
    }

    // Built once: the server scans after every applied edit.
    private static let catalogueIndex = HintRuleIndex(grouped(LanguageRule.catalogue))

    /// Rules by their first word, longest phrase first.
    static func grouped(_ rules: [LanguageRule]) -> [String: [LanguageRule]] {
        Dictionary(grouping: rules.filter { !$0.words.isEmpty }) { $0.words[0] }
            .mapValues { $0.sorted { $0.words.count > $1.words.count } }
    }

    private static func scan(_ text: String, index: HintRuleIndex) -> [LanguageHint] {
        Array(text.utf16).withUnsafeBufferPointer { scan($0, index: index) }
    }

    private static func scan(_ units: UnsafeBufferPointer<UInt16>, index: HintRuleIndex) -> [LanguageHint] {
        // A few slots (256 bytes for the catalogue) on the stack hold the words being matched.
        withUnsafeTemporaryAllocation(of: ScanToken.self, capacity: index.ringCapacity) { slots in
            slots.initialize(repeating: .empty)
            var words = TokenRing(reader: UTF16WordReader(units, index: index), slots: slots)
            var hints: [LanguageHint] = []
            var position = 0
            while let token = words.token(position) {
                guard !token.quoted, let candidates = index.rules(startingWith: token.word),
                      let rule = firstMatch(candidates, in: &words, at: position) else {
                    position += 1
                    continue
                }
                let to = words.token(position + rule.words.count - 1)?.to ?? token.to
                let phrase = String(decoding: UnsafeBufferPointer(rebasing: units[token.from ..< to]), as: UTF16.self)
                hints.append(LanguageHint(from: token.from, to: to, phrase: phrase, suggestion: rule.suggestion))
                position += rule.words.count
            }
            return hints
        }
    }

    /// The first of `candidates` (longest first) that matches at word `position`.
    private static func firstMatch(_ candidates: [CompiledHintRule], in words: inout TokenRing,
                                   at position: Int) -> CompiledHintRule? {
        for rule in candidates where words.matches(rule, at: position) { return rule }
        return nil
    }
}
