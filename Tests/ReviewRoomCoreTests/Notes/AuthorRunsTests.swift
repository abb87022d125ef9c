@testable import ReviewRoomCore
import ReviewRoomTesting
import Testing

/// ``AuthorRuns`` (the record's authorship, op by op in place) against the plain model it
/// replaced: the run list rebuilt whole for every op.
@Suite struct AuthorRunsTests {
    /// The plain model: every unit's author, edited op by op.
    private static func authors(after ops: [(TextOperation, Int)], start: Int) -> [Int] {
        var units = Array(repeating: -1, count: start)
        for (op, author) in ops {
            var out: [Int] = [], at = 0
            for component in op.components {
                switch component {
                case .retain(let n): out += units[at ..< at + n]; at += n
                case .delete(let n): at += n
                case .insert(let s): out += Array(repeating: author, count: s.utf16.count)
                }
            }
            units = out
        }
        return units
    }

    private static func expanded(_ runs: [AuthorRuns.Run]) -> [Int] {
        runs.flatMap { Array(repeating: $0.author, count: $0.length) }
    }

    @Test(arguments: 0 ..< 40)
    func randomEditsByFourAuthorsGiveEachUnitsAuthor(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var text = Array(RandomEdits.text(maxPieces: 30, using: &rng).utf16)
        var runs = AuthorRuns(length: text.count, author: -1)
        var ops: [(TextOperation, Int)] = []
        for _ in 0 ..< 400 {
            let op = RandomEdits.op(on: text, using: &rng)
            let author = Int.random(in: 0 ..< 4, using: &rng)
            text = try op.apply(toUnits: text)
            runs.apply(op, by: author)
            ops.append((op, author))
        }
        let start = ops.isEmpty ? 0 : ops[0].0.baseLength
        #expect(Self.expanded(runs.runs) == Self.authors(after: ops, start: start))
        #expect(zip(runs.runs, runs.runs.dropFirst()).allSatisfy { $0.author != $1.author }, "neighbours are merged")
    }

    @Test func manyRunsSpreadOverChunksAndADeleteAcrossThemAllLeavesTheRest() {
        // Alternating authors, one unit each: 2,000 runs, so many chunks.
        var runs = AuthorRuns(length: 0, author: -1)
        for i in 0 ..< 2_000 {
            var op = TextOperation(); op.retain(i); op.insert("x")
            runs.apply(op, by: i % 2)
        }
        #expect(runs.runs.count == 2_000)
        var cut = TextOperation(); cut.retain(3); cut.delete(1_994); cut.retain(3)
        runs.apply(cut, by: 9)
        #expect(runs.runs == [0, 1, 0, 1, 0, 1].map { AuthorRuns.Run(length: 1, author: $0) })
        var all = TextOperation(); all.delete(6)
        runs.apply(all, by: 9)
        #expect(runs.runs.isEmpty)
    }

    @Test func typingInsideAnotherAuthorsRunSplitsIt() {
        var runs = AuthorRuns(length: 10, author: -1)
        var op = TextOperation(); op.retain(4); op.insert("abc"); op.retain(6)
        runs.apply(op, by: 2)
        #expect(runs.runs == [.init(length: 4, author: -1), .init(length: 3, author: 2), .init(length: 6, author: -1)])
    }
}
