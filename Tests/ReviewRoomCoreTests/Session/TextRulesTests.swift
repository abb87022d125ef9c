import Foundation
import ReviewRoomCore
import Testing

@Suite struct TextRulesTests {
    @Test func lengthCountsCodePointsNotWhatAReaderSeesNorUTF16Units() {
        #expect(TextRules.length("abc") == 3)
        #expect(TextRules.length("e\u{301}") == 2) // one character to a reader
        #expect(TextRules.length("\u{E9}") == 1)
        #expect(TextRules.length("👩‍👩‍👧") == 5) // three people joined by two ZWJs; 8 UTF-16 units
        #expect(TextRules.length("🇵🇸") == 2)
    }

    @Test func textOfWhiteSpaceAndInvisibleFormatCharactersShowsNothing() {
        for blank in ["", " ", "\u{A0}\u{3000}", "\u{200B}", "\u{200D}\u{FEFF}", "\u{200E}\u{2067}", "\n\t"] {
            #expect(TextRules.showsNothing(blank), "\(Array(blank.unicodeScalars))")
        }
        for shown in ["a", " \u{200D}a", "👍", "ل", "\u{301}"] {
            #expect(!TextRules.showsNothing(shown), "\(Array(shown.unicodeScalars))")
        }
    }

    /// The OpenAPI document's `pattern` for such texts matches a character exactly when it shows,
    /// for every character of the Basic Multilingual Plane (read by ICU, as a third dialect).
    @Test func thePatternForTextThatShowsAgreesWithTheRuleOnEveryBMPCharacter() throws {
        let pattern = try NSRegularExpression(pattern: TextRules.showsSomethingPattern)
        var disagreements: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let matches = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            if matches == TextRules.showsNothing(text) { disagreements.append(String(value, radix: 16)) }
        }
        #expect(disagreements.isEmpty, "U+\(disagreements.prefix(20))")
        #expect(TextRules.showsSomethingPattern.hasPrefix("[^\\u0009-\\u000D\\u0020\\u0085"))
    }
}
