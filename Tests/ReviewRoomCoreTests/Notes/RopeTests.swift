import Testing
@testable import ReviewRoomCore
import ReviewRoomTesting

@Suite struct RopeTests {
    @Test func randomEditsMatchAFlatArray() {
        var rng = SplitMix64(seed: 42)
        var rope = Rope()
        var flat: [UInt16] = []
        for step in 0 ..< 4000 {
            if flat.isEmpty || Int.random(in: 0 ..< 3, using: &rng) > 0 {
                let at = Int.random(in: 0 ... flat.count, using: &rng)
                let count = step % 97 == 0 ? Int.random(in: 500 ... 5000, using: &rng) : Int.random(in: 1 ... 8, using: &rng)
                let units = (0 ..< count).map { _ in UInt16.random(in: 0x41 ... 0x5A, using: &rng) }
                rope.insert(units, at: at)
                flat.insert(contentsOf: units, at: at)
            } else {
                let from = Int.random(in: 0 ..< flat.count, using: &rng)
                let to = Swift.min(flat.count, from + (step % 50 == 0 ? 3000 : Int.random(in: 1 ... 10, using: &rng)))
                rope.remove(from ..< to)
                flat.removeSubrange(from ..< to)
            }
            #expect(rope.utf16Count == flat.count)
        }
        #expect(rope.units == flat)
        let probe = flat.count / 3
        #expect(rope.unit(at: probe) == flat[probe])
        #expect(rope.units(in: probe ..< probe + 10) == Array(flat[probe ..< probe + 10]))
    }

    @Test("inserting a string reports its UTF-16 length, astral characters as two units",
          arguments: ["", "a", "héllo", "日本", "👩🏽‍🏫 x", String(repeating: "é", count: 3000)])
    func stringInsertReturnsItsUTF16Length(text: String) {
        var rope = Rope("ab")
        let inserted = rope.insert(text, at: 1)
        #expect(inserted == text.utf16.count)
        #expect(rope.string == "a" + text + "b")
        #expect(rope.utf16Count == 2 + text.utf16.count)
    }

    @Test func copiesAreIndependent() {
        var a = Rope(String(repeating: "abcdefgh", count: 1000))
        let b = a
        a.insert("X", at: 4000)
        a.remove(0 ..< 10)
        #expect(b.utf16Count == 8000)
        #expect(b.string == String(repeating: "abcdefgh", count: 1000))
        #expect(a.utf16Count == 7991)
        #expect(a != b)
    }

    @Test func largeTextsBuildABalancedTree() {
        let text = String(repeating: "0123456789", count: 200_000)
        var rope = Rope(text)
        #expect(rope.utf16Count == 2_000_000)
        #expect(rope.string == text)
        rope.remove(0 ..< 2_000_000)
        #expect(rope.isEmpty)
        #expect(rope.string == "")
        rope.insert("ok", at: 0)
        #expect(rope.string == "ok")
    }

    @Test("removing from, up to and across chunk boundaries matches a flat array (the scan that skips whole children)")
    func removesAtChunkBoundaries() {
        var rng = SplitMix64(seed: 5)
        var rope = Rope(), flat: [UInt16] = []
        for _ in 0 ..< 60 { // enough chunks of uneven sizes for two inner levels
            let units = (0 ..< Int.random(in: 300 ... 3000, using: &rng)).map { _ in UInt16.random(in: 0x41 ... 0x5A, using: &rng) }
            let at = Int.random(in: 0 ... flat.count, using: &rng)
            rope.insert(units, at: at)
            flat.insert(contentsOf: units, at: at)
        }
        for _ in 0 ..< 300 {
            let boundaries = Self.chunkBoundaries(of: rope)
            let edge = boundaries[Int.random(in: 0 ..< boundaries.count, using: &rng)]
            let span = Int.random(in: 1 ... 40, using: &rng)
            let range = switch Int.random(in: 0 ..< 3, using: &rng) {
            case 0: edge ..< Swift.min(flat.count, edge + span) // from a boundary
            case 1: Swift.max(0, edge - span) ..< edge // up to one
            default: Swift.max(0, edge - span) ..< Swift.min(flat.count, edge + span) // across one
            }
            rope.remove(range)
            flat.removeSubrange(range)
            #expect(rope.units == flat)
            if flat.count < 2000 { break }
        }
    }

    @Test("inserts and removals that change one leaf leave the same tree as the general edits, which split and merge")
    func singleLeafEditsMatchTheGeneralEdits() {
        var rng = SplitMix64(seed: 9)
        var fast = Rope(), general = Rope()
        var singleLeafInserts = 0, singleLeafRemovals = 0
        for step in 0 ..< 3000 {
            let count = step % 50 == 0 ? Int.random(in: 200 ... 2000, using: &rng) : Int.random(in: 1 ... 6, using: &rng)
            let units = (0 ..< count).map { _ in UInt16.random(in: 0x41 ... 0x5A, using: &rng) }
            let at = randomOffset(in: general, using: &rng)
            units.withUnsafeBufferPointer { buffer in
                if fast.insertIntoLeafWithRoom(buffer, at: at) { singleLeafInserts += 1 } else { fast.insertSplitting(buffer, at: at) }
                general.insertSplitting(buffer, at: at)
            }
            if step % 2 == 0 && !general.isEmpty {
                let from = Swift.min(randomOffset(in: general, using: &rng), general.utf16Count - 1)
                let span = step % 10 == 0 ? Int.random(in: 1 ... 300, using: &rng) : Int.random(in: 1 ... 8, using: &rng)
                let range = from ..< Swift.min(general.utf16Count, from + span)
                if fast.removeWithinLeaf(range) { singleLeafRemovals += 1 } else { fast.removeMerging(range) }
                general.removeMerging(range)
            }
            #expect(Self.layout(of: fast) == Self.layout(of: general))
        }
        #expect(fast.units == general.units)
        // Both ways were taken for both edits.
        #expect(singleLeafInserts > 1000 && singleLeafInserts < 3000)
        #expect(singleLeafRemovals > 500 && singleLeafRemovals < 1500)
    }

    /// A random offset in `rope`, a quarter of the time one between two leaves (where the
    /// choice of child matters).
    private func randomOffset(in rope: Rope, using rng: inout SplitMix64) -> Int {
        guard Int.random(in: 0 ..< 4, using: &rng) == 0 else { return Int.random(in: 0 ... rope.utf16Count, using: &rng) }
        let boundaries = Self.chunkBoundaries(of: rope)
        return boundaries[Int.random(in: 0 ..< boundaries.count, using: &rng)]
    }

    /// The lengths of the nodes at each depth, left to right, root first.
    private static func layout(of rope: Rope) -> [[Int]] {
        var levels: [[Int]] = [], level = [rope.root]
        while !level.isEmpty {
            levels.append(level.map { rope.nodes[$0].length })
            level = level.flatMap { rope.nodes[$0].isLeaf ? [] : rope.nodes[$0].children }
        }
        return levels
    }

    /// Offsets where one leaf ends and the next starts, and both ends of the text.
    private static func chunkBoundaries(of rope: Rope) -> [Int] {
        // Every leaf is at the deepest level.
        layout(of: rope).last!.reduce(into: [0]) { $0.append($0.last! + $1) }
    }

    @Test func detectsSurrogatePairSplits() {
        let rope = Rope("a😀b")
        #expect(!rope.splitsSurrogatePair(at: 0))
        #expect(!rope.splitsSurrogatePair(at: 1))
        #expect(rope.splitsSurrogatePair(at: 2))
        #expect(!rope.splitsSurrogatePair(at: 3))
        #expect(!rope.splitsSurrogatePair(at: 4))
    }

    @Test func equalityIgnoresChunking() {
        var a = Rope()
        for (i, c) in "hello world".utf16.enumerated() { a.insert([c], at: i) }
        #expect(a == Rope("hello world"))
        #expect(a.description == "hello world")
    }
}
