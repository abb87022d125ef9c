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
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            index += 1
            if let scalar = Unicode.Scalar(unit) {
                scalars.append(scalar)
            } else if UTF16.isLeadSurrogate(unit), index < units.count, UTF16.isTrailSurrogate(units[index]) {
                scalars.append(UTF16.decode(UTF16.EncodedScalar([unit, units[index]])))
                index += 1
            } else {
                scalars.append("\u{FFFD}")
            }
        }
        return scan(scalars, index: catalogueIndex)
    }

    /// Every hint that `rules` find in `text`.
    public static func scan(_ text: String, rules: [LanguageRule]) -> [LanguageHint] {
        scan(text, index: index(of: rules))
    }

    // Built once: the server scans after every applied edit.
    private static let catalogueIndex = index(of: LanguageRule.catalogue)

    /// Rules by their first word, longest phrase first.
    private static func index(of rules: [LanguageRule]) -> [String: [LanguageRule]] {
        Dictionary(grouping: rules.filter { !$0.words.isEmpty }) { $0.words[0] }
            .mapValues { $0.sorted { $0.words.count > $1.words.count } }
    }

    private static func scan(_ text: String, index byFirstWord: [String: [LanguageRule]]) -> [LanguageHint] {
        scan(Array(text.unicodeScalars), index: byFirstWord)
    }

    private static func scan(_ scalars: [Unicode.Scalar], index byFirstWord: [String: [LanguageRule]]) -> [LanguageHint] {
        let tokens = WordTokenizer.tokens(of: scalars)
        var hints: [LanguageHint] = []
        var index = 0
        while index < tokens.count {
            guard !tokens[index].quoted, let candidates = byFirstWord[tokens[index].word],
                  let rule = candidates.first(where: { matches($0, tokens, at: index) }) else {
                index += 1
                continue
            }
            let last = tokens[index + rule.words.count - 1]
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[tokens[index].scalars.lowerBound ..< last.scalars.upperBound])
            hints.append(LanguageHint(from: tokens[index].from, to: last.to, phrase: String(view),
                                      suggestion: rule.suggestion))
            index += rule.words.count
        }
        return hints
    }

    /// Whether `rule` matches the words from `start` and its context does not lift it.
    static func matches(_ rule: LanguageRule, _ tokens: [WordToken], at start: Int) -> Bool {
        let end = start + rule.words.count
        guard end <= tokens.count else { return false }
        for (offset, word) in rule.words.enumerated() {
            let token = tokens[start + offset]
            guard token.word == word, offset == 0 || token.joinedToPrevious else { return false }
        }
        if end < tokens.count, tokens[end].joinedToPrevious, rule.unlessBefore.contains(tokens[end].word) {
            return false
        }
        if start > 0, tokens[start].joinedToPrevious, rule.unlessAfter.contains(tokens[start - 1].word) {
            return false
        }
        return true
    }
}
