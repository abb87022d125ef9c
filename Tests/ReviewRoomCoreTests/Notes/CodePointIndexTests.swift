import Testing
@testable import ReviewRoomCore
import ReviewRoomTesting

@Suite struct CodePointIndexTests {
    @Test func convertsAroundAstralScalars() {
        let index = CodePointIndex("a😀b😀c")
        #expect(index.count == 5)
        #expect([0, 1, 2, 3, 4, 5].map(index.utf16Offset(ofCodePoint:)) == [0, 1, 3, 4, 6, 7])
    }

    @Test func followsRandomEditsLikeAString() {
        var rng = SplitMix64(seed: 7)
        var scalars: [Unicode.Scalar] = []
        var index = CodePointIndex("")
        for _ in 0 ..< 2000 {
            let at = Int.random(in: 0 ... scalars.count, using: &rng)
            let deleted = Int.random(in: 0 ... Swift.min(3, scalars.count - at), using: &rng)
            let text = RandomEdits.pieces[Int.random(in: 0 ..< RandomEdits.pieces.count, using: &rng)]
            scalars.replaceSubrange(at ..< at + deleted, with: Array(text.unicodeScalars))
            index.replace(at: at, deleting: deleted, inserting: text)
            let probe = Int.random(in: 0 ... scalars.count, using: &rng)
            let expected = scalars[..<probe].reduce(0) { $0 + ($1.value > 0xFFFF ? 2 : 1) }
            #expect(index.utf16Offset(ofCodePoint: probe) == expected)
        }
        #expect(index.count == scalars.count)
    }
}
