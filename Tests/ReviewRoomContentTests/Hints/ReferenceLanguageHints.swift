@testable import ReviewRoomContent

/// The straightforward scan the in-place one must agree with: decode every scalar into an
/// array, split it with ``WordTokenizer/tokens(of:)`` into `String` words, and match rules by
/// their first word (the scan as it was before it read the note's units in place).
enum ReferenceLanguageHints {
    /// Every hint `rules` find in `units` (a lone surrogate reads as U+FFFD).
    static func scan(utf16 units: [UInt16], rules: [LanguageRule] = LanguageRule.catalogue) -> [LanguageHint] {
        var scalars: [Unicode.Scalar] = []
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
        let byFirstWord = LanguageHints.grouped(rules)
        let tokens = WordTokenizer.tokens(of: scalars)
        var hints: [LanguageHint] = []
        var at = 0
        while at < tokens.count {
            guard !tokens[at].quoted, let candidates = byFirstWord[tokens[at].word],
                  let rule = candidates.first(where: { matches($0, tokens, at: at) }) else {
                at += 1
                continue
            }
            let last = tokens[at + rule.words.count - 1]
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[tokens[at].scalars.lowerBound ..< last.scalars.upperBound])
            hints.append(LanguageHint(from: tokens[at].from, to: last.to, phrase: String(view), suggestion: rule.suggestion))
            at += rule.words.count
        }
        return hints
    }

    private static func matches(_ rule: LanguageRule, _ tokens: [WordToken], at start: Int) -> Bool {
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
