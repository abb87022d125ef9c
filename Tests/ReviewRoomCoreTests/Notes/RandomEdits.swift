@testable import ReviewRoomCore
import ReviewRoomTesting

/// Random valid edits on small texts, including astral characters, for randomized tests.
enum RandomEdits {
    static let pieces = ["a", "b", "xy", "é", "😀", "\n", "zz", "ü😀"]

    /// A random op on `text` that never cuts a surrogate pair.
    static func op(on text: [UInt16], using rng: inout SplitMix64) -> TextOperation {
        var op = TextOperation()
        var position = 0
        while position < text.count {
            let roll = Int.random(in: 0 ..< 10, using: &rng)
            var n = Swift.min(Int.random(in: 1 ... 4, using: &rng), text.count - position)
            if position + n < text.count && UTF16.isTrailSurrogate(text[position + n]) { n += 1 }
            if roll < 2 {
                op.insert(pieces[Int.random(in: 0 ..< pieces.count, using: &rng)])
            } else if roll < 4 {
                op.delete(n); position += n
            } else {
                op.retain(n); position += n
            }
        }
        if Bool.random(using: &rng) { op.insert(pieces[Int.random(in: 0 ..< pieces.count, using: &rng)]) }
        return op
    }

    /// A random text of up to `maxPieces` pieces.
    static func text(maxPieces: Int, using rng: inout SplitMix64) -> String {
        (0 ..< Int.random(in: 0 ... maxPieces, using: &rng)).map { _ in pieces[Int.random(in: 0 ..< pieces.count, using: &rng)] }.joined()
    }
}
