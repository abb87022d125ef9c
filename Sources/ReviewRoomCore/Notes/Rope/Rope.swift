/// A text stored as a B-tree of UTF-16 chunks, so that an edit costs O(log n) and the
/// length in UTF-16 units is O(1).
///
/// Leaves hold up to ``maxLeaf`` units, inner nodes up to ``maxChildren`` children, every
/// leaf is at the same depth (the tree only grows at the root) and every node caches its
/// subtree's length. Deleting drops emptied nodes and merges a small leaf into a neighbour
/// when both fit in one leaf, but does not rebalance inner nodes: the height stays bounded
/// by the log of the largest size the text ever had.
///
/// Nodes live by value in one table (an array indexed by node number, with a free list), so
/// edits touch no reference counts or class properties; `Rope` is a plain value. A copy
/// shares the table and the chunks; its first write copies the table (one small struct per
/// node, not the text), and each chunk is copied only when written.
public struct Rope: Sendable, Equatable, CustomStringConvertible {
    /// The most units a leaf holds.
    public static let maxLeaf = 1024
    /// The most children an inner node holds.
    public static let maxChildren = 16

    /// The node table.
    var nodes: [RopeNode]
    /// Table slots free for reuse.
    var freeSlots: [Int] = []
    /// The root's table index.
    var root = 0

    /// The empty text.
    public init() { nodes = [RopeNode(leaf: [])] }

    /// A rope holding `text`.
    public init(_ text: String) {
        self.init()
        insert(text, at: 0)
    }

    /// A rope holding `units`.
    public init(units: [UInt16]) {
        self.init()
        units.withUnsafeBufferPointer { insert($0, at: 0) }
    }

    /// Length in UTF-16 code units, O(1).
    public var utf16Count: Int { nodes[root].length }

    /// Whether the text is empty.
    public var isEmpty: Bool { utf16Count == 0 }

    /// The whole text as UTF-16 units.
    public var units: [UInt16] { units(in: 0 ..< utf16Count) }

    /// The units in `range` (clamped to the text).
    public func units(in range: Range<Int>) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(range.count)
        collect(range.clamped(to: 0 ..< utf16Count), from: root, into: &out)
        return out
    }

    /// The unit at `offset` (which must be in `0 ..< utf16Count`), O(log n).
    public func unit(at offset: Int) -> UInt16 {
        var index = root
        var position = offset
        while !nodes[index].isLeaf {
            let children = nodes[index].children
            var i = 0
            while i < children.count - 1 && position >= nodes[children[i]].length {
                position -= nodes[children[i]].length
                i += 1
            }
            index = children[i]
        }
        return nodes[index].units[position]
    }

    /// Whether `offset` falls between the two halves of a surrogate pair.
    public func splitsSurrogatePair(at offset: Int) -> Bool {
        guard offset > 0 && offset < utf16Count else { return false }
        return UTF16.isLeadSurrogate(unit(at: offset - 1)) && UTF16.isTrailSurrogate(unit(at: offset))
    }

    /// The text as a `String` (a snapshot).
    public var string: String { String(utf16Units: units) }

    /// Same as ``string``.
    public var description: String { string }

    /// Two ropes are equal when they hold the same units, however they are chunked.
    public static func == (lhs: Rope, rhs: Rope) -> Bool {
        lhs.utf16Count == rhs.utf16Count && lhs.units == rhs.units
    }

    /// Appends the units of `range` (within the text) under node `index` to `out`.
    func collect(_ range: Range<Int>, from index: Int, into out: inout [UInt16]) {
        if nodes[index].isLeaf {
            out.append(contentsOf: nodes[index].units[range])
            return
        }
        var start = 0
        for child in nodes[index].children {
            let end = start + nodes[child].length
            let lo = Swift.max(range.lowerBound, start), hi = Swift.min(range.upperBound, end)
            if lo < hi { collect(lo - start ..< hi - start, from: child, into: &out) }
            if end >= range.upperBound { break }
            start = end
        }
    }
}
