import Testing
@testable import ReviewRoomCore

/// The compact `(author, opId)` set a long session keeps for the edits whose ops left memory:
/// never a miss for a key put in, batches merged in any order, repeats held once.
@Suite struct OperationFingerprintsTests {
    private static func keys(_ authors: [String], _ range: Range<Int>) -> [NoteOpKey] {
        authors.flatMap { author in range.map { NoteOpKey(author: author, opId: "abcdefgh-1-\($0)") } }
    }

    @Test func everyKeyPutInIsFoundAcrossBatchesAndRepeatsAreHeldOnce() {
        var set = OperationFingerprints()
        #expect(set.isEmpty)
        #expect(!set.mayContain(NoteOpKey(author: "p1", opId: "o1")))
        let first = Self.keys(["p1", "p2"], 0..<2_000).shuffled()
        let second = Self.keys(["p1", "p3"], 1_500..<4_000).reversed()
        set.insert(contentsOf: first)
        set.insert(contentsOf: [])
        set.insert(contentsOf: second)
        set.insert(contentsOf: first.prefix(100) + first.prefix(100))
        // p1's 1,500…1,999 were in both batches.
        #expect(set.count == 2 * 2_000 + 2 * 2_500 - 500)
        #expect(first.allSatisfy(set.mayContain))
        #expect(second.allSatisfy(set.mayContain))
    }

    @Test func keysNeverPutInAreNotFoundWithSixtyFourBits() {
        var set = OperationFingerprints()
        set.insert(contentsOf: Self.keys(["p1", "p2"], 0..<5_000))
        // The same opIds by another author, other opIds, and the author and opId run together.
        let others = Self.keys(["p3"], 0..<5_000) + Self.keys(["p1"], 5_000..<10_000)
            + [NoteOpKey(author: "p1abcdefgh-1-", opId: "1"), NoteOpKey(author: "", opId: "p1abcdefgh-1-1")]
        #expect(others.filter(set.mayContain).isEmpty)
    }

    @Test func fewerBitsMakeMatchesThatWereNeverPutIn() {
        var none = OperationFingerprints(bits: 0)
        #expect(!none.mayContain(NoteOpKey(author: "p1", opId: "x")), "nothing matches an empty set")
        none.insert(contentsOf: [NoteOpKey(author: "p1", opId: "o1")])
        #expect(none.mayContain(NoteOpKey(author: "p9", opId: "anything")))
        #expect(none.count == 1)

        var eight = OperationFingerprints(bits: 8)
        eight.insert(contentsOf: Self.keys(["p1"], 0..<2_000))
        #expect(eight.count <= 256)
        #expect(Self.keys(["p1"], 0..<2_000).allSatisfy(eight.mayContain))
    }
}
