import Foundation
@testable import ReviewRoomContent
import Testing

@Suite("Language hints")
struct LanguageHintTests {
    /// Text and the phrases the rules must flag in it, in order (empty: leave it alone).
    static let examples: [(String, [String])] = [
        // Grading
        ("The teaching was outstanding.", ["outstanding"]),
        ("Provision for SEND felt INADEQUATE", ["INADEQUATE"]),
        ("Marking is poor and feedback weak.", ["poor", "weak"]),
        ("A failing department", ["failing"]),
        ("It requires improvement", ["requires improvement"]),
        ("That was not good enough.", ["not good enough"]),
        // Absolutes
        ("Pupils never read at home and always forget books.", ["never", "always"]),
        ("Nobody asked a question; no one answered.", ["Nobody", "no one"]),
        ("Everyone was off task", ["Everyone"]),
        // Blame
        ("It is their fault.", ["their fault"]),
        ("Some pupils seemed lazy", ["lazy"]),
        ("Leaders should have planned this.", ["should have"]),
        ("They should’ve known", ["should’ve"]),
        ("The teacher failed to model reading; the plan fails to say who.", ["failed to", "fails to"]),
        // A fault in equipment is not blame
        ("The projector failed to start and the wifi fails to reach room 4.", []),
        ("Behaviour was disappointing and the display appalling; pupils picked up rubbish.", ["disappointing", "appalling"]),
        ("The page failed to load.", []),
        // Certainty
        ("Clearly, this is not working.", ["Clearly"]),
        ("Obviously the plan failed. Of course it did.", ["Obviously", "Of course"]),
        ("everyone knows the library is shut", ["everyone knows"]),
        // Phrases across spaces and tabs, not across punctuation or lines
        ("their\tfault", ["their\tfault"]),
        ("their\nfault", []),
        ("their, fault", []),
        // False-positive traps: word boundaries
        ("The poorly-ventilated hall", []),
        ("She pointed out the weakest link", []),
        ("Outstandingly kind staff", []),
        ("a never-ending queue", []),
        ("The alwaysOn dashboard", []),
        // False-positive traps: context words
        ("We have three outstanding actions from last time.", []),
        ("Poor connection from the library; weak wifi upstairs.", []),
        ("The teacher explained clearly what to do.", []),
        ("Steps were clearly labelled.", []),
        ("Thanks everyone for joining.", []),
        // Whom the writer means, said: the sample the hint asks for is already there
        ("Nobody we spoke to had looked at both; everyone I asked knew the plan.", []),
        ("No one we met, and nobody else, had read it.", ["nobody"]),
        // "should have" + determiner or noun is a recommendation; + a past participle is blame
        ("Every pupil should have a book.", []),
        ("Each class should have access to the library; nobody shouldn't have their own copy", ["nobody"]),
        ("Staff should have been told.", ["should have"]),
        ("They should have done more reading.", ["should have"]),
        // False-positive traps: quotes are other people's words
        ("A pupil said \"we never get to choose\".", []),
        ("A pupil said “it’s always boring” and then smiled.", []),
        ("« jamais, never » said one pupil", []),
        ("\"never\" is quoted but always is not", ["always"]),
        ("An unclosed \"quote\nnever mind", ["never"]),
        // Neutral text
        ("Pupils chose books from a wide range and talked about them with enthusiasm.", []),
        ("I noticed three pupils re-reading a favourite book; I wondered how choices are made.", []),
        ("", []),
        // Unicode-safe matching
        ("Ça semble poor à mon avis", ["poor"]),
        ("poorément is not an English word", []),
        ("ALWAYS", ["ALWAYS"]),
    ]

    @Test("flags the documented cases and leaves neutral text and traps alone", arguments: examples)
    func table(example: (String, [String])) {
        let hints = LanguageHints.scan(example.0)
        #expect(hints.map(\.phrase) == example.1, "in \(example.0.debugDescription)")
        for hint in hints {
            #expect(!hint.suggestion.isEmpty)
            let units = Array(example.0.utf16)
            #expect(String(decoding: units[hint.from ..< hint.to], as: UTF16.self) == hint.phrase)
        }
    }

    @Test("scanning a note's UTF-16 units finds what scanning the string finds", arguments: examples)
    func utf16EntryPointAgrees(example: (String, [String])) {
        #expect(LanguageHints.scan(utf16: Array(example.0.utf16)) == LanguageHints.scan(example.0))
    }

    @Test("UTF-16 input: astral characters decode whole and a lone surrogate reads as U+FFFD")
    func utf16SurrogatesAndLoneSurrogates() throws {
        let astral = "👩🏽‍🏫 é always"
        #expect(LanguageHints.scan(utf16: Array(astral.utf16)) == LanguageHints.scan(astral))
        // A lead surrogate with no trail and a trail with no lead, each glued to a word.
        let lone: [UInt16] = [0xD83D] + Array("weak".utf16) + [0x20, 0xDC69] + Array(" never".utf16)
        let hints = LanguageHints.scan(utf16: lone)
        #expect(hints.map(\.phrase) == ["weak", "never"])
        #expect(hints.map(\.from) == [1, 8])
        #expect(hints == LanguageHints.scan(String(decoding: lone, as: UTF16.self)))
    }

    @Test("a word with an upper-case non-ASCII letter matches its lower-case rule")
    func nonASCIIWordsAreLowercasedToo() {
        // "ÉVIDEMMENT" is not a rule; "NEVER" is ASCII; "NÉVER" must not match "never".
        #expect(LanguageHints.scan("NEVER NÉVER").map(\.phrase) == ["NEVER"])
        #expect(WordTokenizer.tokens(of: Array("ÉTÉ Don’t".unicodeScalars)).map(\.word) == ["été", "don't"])
    }

    @Test("positions are UTF-16 code units: an emoji before the phrase counts two")
    func utf16Positions() throws {
        let text = "👩🏽‍🏫 é always"
        let hint = try #require(LanguageHints.scan(text).first)
        let prefix = "👩🏽‍🏫 é "
        #expect(hint.from == prefix.utf16.count)
        #expect(hint.to == prefix.utf16.count + 6)
        #expect(prefix.utf16.count != prefix.count, "the prefix really has astral characters")
    }

    @Test("a decomposed accent stays inside its word")
    func combiningMarks() {
        // "poore\u{301}" is one word with a combining accent, not "poor" + something.
        #expect(LanguageHints.scan("poore\u{301} weak").map(\.phrase) == ["weak"])
        #expect(LanguageHints.scan("weak\u{301}").isEmpty)
    }

    @Test("the longest phrase wins and each word is flagged once")
    func longestWins() {
        let hints = LanguageHints.scan("everyone knows it")
        #expect(hints.count == 1)
        #expect(hints.first?.suggestion == LanguageRule.catalogue.first { $0.phrase == "everyone knows" }?.suggestion)
    }

    @Test("the catalogue has every category, lower-case words, and no rule twice")
    func catalogue() {
        let rules = LanguageRule.catalogue
        #expect(Set(rules.map(\.category)) == Set(HintCategory.allCases))
        #expect(Set(rules.map(\.phrase)).count == rules.count)
        #expect(rules.allSatisfy { $0.words.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty } })
        for rule in rules {
            #expect(LanguageHints.scan(rule.phrase).map(\.phrase) == [rule.phrase], "rule \(rule.phrase) matches itself")
        }
    }

    @Test("a long note is scanned whole")
    func longNote() {
        let line = "Pupils read daily and talk about books.\n"
        let text = String(repeating: line, count: 5_000) + "They never stop."
        let hints = LanguageHints.scan(text)
        #expect(hints.map(\.phrase) == ["never"])
        #expect(hints.first?.from == line.utf16.count * 5_000 + 5)
    }
}

@Suite("Language hints: the DocC article")
struct LanguageHintArticleTests {
    @Test("the article lists every rule of the catalogue")
    func articleListsEveryRule() throws {
        let article = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Sources/ReviewRoomContent/ReviewRoomContent.docc/LanguageHintRules.md")
            .standardizedFileURL
        let text = try String(contentsOf: article, encoding: .utf8)
        for rule in LanguageRule.catalogue {
            #expect(text.contains("| \(rule.category.rawValue) | `\(rule.phrase)` |"), "rule \(rule.phrase)")
        }
    }

    @Test func asciiWordCharactersAgreeWithTheUnicodeProperties() {
        for value in UInt8(0)...UInt8(127) {
            let scalar = Unicode.Scalar(value)
            let properties = scalar.properties
            let byProperties = properties.isAlphabetic || properties.numericType != nil
            #expect(WordTokenizer.isWordScalar(scalar) == byProperties, "U+\(String(value, radix: 16))")
        }
    }
}
