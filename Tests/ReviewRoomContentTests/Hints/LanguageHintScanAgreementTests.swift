import Foundation
@testable import ReviewRoomContent
import ReviewRoomTesting
import Testing

/// The in-place scan (`LanguageHints.scan(utf16:)` on a buffer) against the
/// straightforward reference (``ReferenceLanguageHints``) on seeded random notes and windows.
@Suite("Language hints: the in-place scan agrees with the reference scan")
struct LanguageHintScanAgreementTests {
    /// Words the rules mention (any case), neutral words, non-ASCII and astral words, words with
    /// typographic apostrophes and hyphens, combining marks, and words too long to pack.
    static let words: [String] = {
        var words = Set<String>()
        for rule in LanguageRule.catalogue {
            words.formUnion(rule.words)
            words.formUnion(rule.unlessBefore)
            words.formUnion(rule.unlessAfter)
        }
        let plain = words.sorted()
        return plain + plain.map { $0.uppercased() } + plain.map { $0.capitalized } + [
            "pupils", "read", "the", "books", "and", "lesson", "I", "noticed", "wondered", "x",
            "été", "ÉTÉ", "Ça", "naïve", "poorément", "straße", "Σχολείο", "ΣΑΣ", "İnadequate", "ǅ",
            "\u{212A}nows", "everyone \u{212A}nows", "wee\u{212A}", "poore\u{301}", "weak\u{301}", "NÉVER",
            "don’t", "can’t be bothered", "should’ve", "no‑one", "wi‐fi", "shouldn’t have", "no-one",
            "👩🏽‍🏫", "𝐀𝐥𝐰𝐚𝐲𝐬", "𐐀𐐁", "١٢٣", "never-ending", "poorly-ventilated", "alwaysOn",
            "abcdefghijklmnop", "abcdefghijklmnopq", "extraordinarily-unhelpful", "unacceptableness",
        ]
    }()

    static let separators: [String] = [
        " ", " ", " ", "  ", "\t", "\n", ", ", ". ", "; ", "\"", "“", "”", "„", "«", "»", "'", "-", "’",
        "‘", "\r\n", "\r", "\u{2028}", "\u{2029}", " - ", "!", "(", ")", "--", "''",
    ]

    /// A random note of `pieces` words and separators, sometimes with a lone surrogate.
    static func randomNote(_ generator: inout SplitMix64, pieces: Int) -> [UInt16] {
        var units: [UInt16] = []
        for _ in 0 ..< pieces {
            switch Int.random(in: 0 ..< 20, using: &generator) {
            case 0: units.append([0xD83D, 0xDC69, 0xD800, 0xDFFF].randomElement(using: &generator) ?? 0xD83D)
            case 1 ..< 11: units += (words.randomElement(using: &generator) ?? "x").utf16
            default: units += (separators.randomElement(using: &generator) ?? " ").utf16
            }
        }
        return units
    }

    static func inPlace(_ units: ArraySlice<UInt16>) -> [LanguageHint] {
        units.withUnsafeBufferPointer { LanguageHints.scan(utf16: $0) }
    }

    @Test("whole random notes: the same hints, positions and phrases", arguments: 0 ..< 8)
    func wholeNotes(seed: UInt64) async throws {
        try await OwnThread.run {
            var generator = SplitMix64(seed: seed)
            var flagged = 0
            for round in 0 ..< 250 {
                let note = Self.randomNote(&generator, pieces: Int.random(in: 0 ..< 120, using: &generator))
                let expected = ReferenceLanguageHints.scan(utf16: note)
                flagged += expected.count
                #expect(Self.inPlace(note[...]) == expected, "seed \(seed) round \(round): \(String(decoding: note, as: UTF16.self).debugDescription)")
                #expect(LanguageHints.scan(utf16: note) == expected)
            }
            #expect(flagged > 100, "the random notes hold phrases to flag (\(flagged))")
        }
    }

    @Test("random windows of a note, cut anywhere (mid-word, mid-pair): the same hints", arguments: 0 ..< 8)
    func windows(seed: UInt64) async throws {
        try await OwnThread.run {
            var generator = SplitMix64(seed: 100 + seed)
            for round in 0 ..< 100 {
                let note = Self.randomNote(&generator, pieces: Int.random(in: 1 ..< 200, using: &generator))
                for _ in 0 ..< 8 {
                    let a = Int.random(in: 0 ... note.count, using: &generator)
                    let b = Int.random(in: a ... note.count, using: &generator)
                    let window = note[a ..< b]
                    #expect(Self.inPlace(window) == ReferenceLanguageHints.scan(utf16: Array(window)),
                            "seed \(seed) round \(round) window \(a)..<\(b)")
                }
            }
        }
    }

    @Test("windows that start or end at a hint's edge, or one unit inside or outside it", arguments: 0 ..< 4)
    func hintsAtTheWindowEdges(seed: UInt64) async throws {
        try await OwnThread.run {
            var generator = SplitMix64(seed: 200 + seed)
            var edges = 0
            for _ in 0 ..< 150 {
                let note = Self.randomNote(&generator, pieces: Int.random(in: 1 ..< 80, using: &generator))
                for hint in ReferenceLanguageHints.scan(utf16: note) {
                    for from in [hint.from - 1, hint.from, hint.from + 1] where from >= 0 {
                        for to in [hint.to - 1, hint.to, hint.to + 1, note.count] where to <= note.count && from <= to {
                            let window = note[from ..< to]
                            #expect(Self.inPlace(window) == ReferenceLanguageHints.scan(utf16: Array(window)))
                            edges += 1
                        }
                    }
                }
            }
            #expect(edges > 200)
        }
    }

    @Test("a rule set with non-ASCII and long words is matched as the reference matches it")
    func rulesBeyondPackedWords() async throws {
        try await OwnThread.run {
            let rules = LanguageRule.catalogue + [
                LanguageRule("naïve", .grading, "Describe it."),
                LanguageRule("extraordinarily-unhelpful", .grading, "Describe it."),
                LanguageRule("schön", .grading, "Describe it.", unlessBefore: ["wetter"]),
            ]
            var generator = SplitMix64(seed: 300)
            let extra = ["naïve", "NAÏVE", "nai\u{308}ve", "Extraordinarily-Unhelpful", "schön", "SCHÖN", "wetter", "Wetter"]
            var flagged = 0
            for _ in 0 ..< 400 {
                var units = Self.randomNote(&generator, pieces: Int.random(in: 0 ..< 60, using: &generator))
                for piece in [" ", extra.randomElement(using: &generator) ?? "", " ", extra.randomElement(using: &generator) ?? ""] {
                    units += piece.utf16
                }
                let text = String(decoding: units, as: UTF16.self)
                let expected = ReferenceLanguageHints.scan(utf16: Array(text.utf16), rules: rules)
                flagged += expected.filter { ["naïve", "extraordinarily-unhelpful", "schön"].contains($0.phrase.lowercased()) }.count
                #expect(LanguageHints.scan(text, rules: rules) == expected, "\(text.debugDescription)")
            }
            #expect(flagged > 50, "the extra rules matched (\(flagged))")
            // The decomposed spelling is canonically equivalent, so it matches, as `String ==` would.
            #expect(LanguageHints.scan("so nai\u{308}ve", rules: rules).map(\.phrase) == ["nai\u{308}ve"])
        }
    }

    @Test("a non-ASCII scalar whose lower case is not ASCII never equals ASCII text, so the scan may skip it")
    func nonASCIIScalarsNeverMatchASCIIWords() async throws {
        // Seconds of CPU: off the cooperative pool (see OwnThread).
        try await OwnThread.run {
            var checked = 0
            for value in UInt32(0x80) ... 0x10FFFF {
                guard let scalar = Unicode.Scalar(value), WordTokenizer.isWordScalar(scalar) else { continue }
                let lower = String(scalar).lowercased()
                guard !lower.unicodeScalars.allSatisfy(\.isASCII) else { continue }
                let decomposedIsASCII = lower.decomposedStringWithCanonicalMapping.unicodeScalars.allSatisfy { $0.isASCII }
                #expect(!decomposedIsASCII, "U+\(String(value, radix: 16, uppercase: true))")
                checked += 1
            }
            #expect(checked > 100_000)
        }
    }
}
