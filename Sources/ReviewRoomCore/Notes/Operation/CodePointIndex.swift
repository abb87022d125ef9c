/// Converts code point offsets into UTF-16 offsets for a text under edit.
///
/// Notes count UTF-16 code units, but some tools (the editing traces used by the tests and
/// the benchmark, for one) count Unicode code points. Only astral scalars (outside the BMP)
/// differ: they take two units. This keeps the code point offsets of those scalars, sorted,
/// so a conversion is a binary search and an edit costs O(astral scalars after it).
public struct CodePointIndex: Sendable {
    /// Code point offsets of the astral scalars, ascending.
    private var astral: [Int] = []
    /// Length of the text in code points.
    public private(set) var count = 0

    /// Indexes `text`.
    public init(_ text: String) {
        replace(at: 0, deleting: 0, inserting: text)
    }

    /// The UTF-16 offset of code point offset `codePoint` (in `0 ... count`).
    public func utf16Offset(ofCodePoint codePoint: Int) -> Int {
        codePoint + lowerBound(codePoint)
    }

    /// Records that `deleted` code points at `codePoint` were replaced by `text`.
    public mutating func replace(at codePoint: Int, deleting deleted: Int, inserting text: String) {
        let start = lowerBound(codePoint)
        let end = lowerBound(codePoint + deleted)
        var added: [Int] = []
        var inserted = 0
        for scalar in text.unicodeScalars {
            if scalar.value > 0xFFFF { added.append(codePoint + inserted) }
            inserted += 1
        }
        let shift = inserted - deleted
        if shift != 0 {
            for i in end ..< astral.count { astral[i] += shift }
        }
        astral.replaceSubrange(start ..< end, with: added)
        count += shift
    }

    /// The number of astral scalars before code point offset `codePoint`.
    private func lowerBound(_ codePoint: Int) -> Int {
        var lo = 0, hi = astral.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if astral[mid] < codePoint { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
