import Testing
@testable import ReviewRoomCore
import ReviewRoomTesting

/// The in-place ASCII and UTF-8 fast paths used when a note applies an insert
/// (``Rope/writeUTF16(of:into:)`` and `String.hasAstralScalar`), against the general views.
@Suite struct StringUnitFastPathTests {
    /// Random strings: all ASCII (small and large enough to be stored natively), or mixed
    /// with two-byte, three-byte and astral characters at random places.
    private static func randomStrings(count: Int) -> [String] {
        var rng = SplitMix64(seed: 7)
        let ascii: [Unicode.Scalar] = ["a", "Z", " ", "\n", "~", "\u{0}", "\u{7F}"]
        let wide: [Unicode.Scalar] = ["é", "ß", "日", "\u{FFFF}", "😀", "👩", "\u{10FFFF}", "\u{80}"]
        return (0 ..< count).map { i in
            let length = Int.random(in: 0 ... (i % 5 == 0 ? 300 : 20), using: &rng)
            let mixed = i % 2 == 1
            var scalars = String.UnicodeScalarView()
            for _ in 0 ..< length {
                let pool = mixed && Int.random(in: 0 ..< 4, using: &rng) == 0 ? wide : ascii
                scalars.append(pool[Int.random(in: 0 ..< pool.count, using: &rng)])
            }
            return String(scalars)
        }
    }

    @Test func writingUTF16UnitsMatchesTheUTF16View() {
        for text in Self.randomStrings(count: 2000) {
            let units = withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(text.utf8.count, 1)) { buffer in
                Array(buffer[..<Rope.writeUTF16(of: text, into: buffer)])
            }
            #expect(units == Array(text.utf16), "\(text.debugDescription)")
        }
    }

    @Test func astralScalarCheckMatchesTheScalarView() {
        var astral = 0
        for text in Self.randomStrings(count: 2000) {
            let expected = text.unicodeScalars.contains { $0.value > 0xFFFF }
            #expect(text.hasAstralScalar == expected, "\(text.debugDescription)")
            if expected { astral += 1 }
        }
        #expect(astral > 100) // both answers were exercised
    }

    @Test func ropeInsertsOfRandomStringsMatchAFlatArray() {
        var rng = SplitMix64(seed: 11)
        var rope = Rope(), flat: [UInt16] = []
        for text in Self.randomStrings(count: 1000) {
            let at = Int.random(in: 0 ... flat.count, using: &rng)
            #expect(rope.insert(text, at: at) == text.utf16.count)
            flat.insert(contentsOf: text.utf16, at: at)
        }
        #expect(rope.units == flat)
    }

    /// Random unit arrays — ASCII, two- and three-byte units, surrogate pairs, lone and
    /// reversed surrogates, at the ends too — give the very same UTF-8 as the standard decoding.
    @Test func stringsFromUTF16UnitsMatchTheStandardDecoding() {
        var rng = SplitMix64(seed: 11)
        let pool: [UInt16] = [0x00, 0x41, 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x65E5, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF]
        var cases: [[UInt16]] = [[], [0xD800], [0xDC00], [0xDC00, 0xD800], [0xD83D, 0xDE00], [0x41, 0xD83D], [0xD83D, 0xD83D, 0xDE00]]
        for i in 0 ..< 3000 {
            let length = Int.random(in: 0 ... (i % 10 == 0 ? 500 : 12), using: &rng)
            cases.append((0 ..< length).map { _ in
                Int.random(in: 0 ..< 3, using: &rng) == 0 ? pool[Int.random(in: 0 ..< pool.count, using: &rng)] : UInt16(Int.random(in: 0x20 ..< 0x7F, using: &rng))
            })
        }
        for units in cases {
            // Compared byte for byte: `==` on strings would equate canonically equivalent ones.
            #expect(Array(String(utf16Units: units).utf8) == Array(String(decoding: units, as: UTF16.self).utf8), "\(units)")
        }
    }
}
