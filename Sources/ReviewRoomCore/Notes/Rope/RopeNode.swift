/// A node of ``Rope``'s B-tree: a leaf holding a chunk of UTF-16 units, or an inner node
/// holding children of equal height.
//
// @unchecked Sendable: a node is mutated only by `Rope`'s mutating methods, and only after
// `isKnownUniquelyReferenced` proved that the one `Rope` value being mutated (to which the
// caller has exclusive access) is its sole owner; every node reachable from more than one
// value is copied first and is therefore never written again. Shared nodes are immutable,
// which makes sharing them across threads safe (the same argument as Array's buffer).
final class RopeNode: @unchecked Sendable {
    /// Units in this subtree.
    var length: Int
    /// The chunk, for leaves.
    var units: [UInt16]
    /// The children, for inner nodes.
    var children: [RopeNode]
    /// Whether this is a leaf.
    let isLeaf: Bool

    init(leaf units: [UInt16]) {
        self.units = units
        self.children = []
        self.length = units.count
        self.isLeaf = true
    }

    init(children: [RopeNode]) {
        self.units = []
        self.children = children
        self.length = children.reduce(0) { $0 + $1.length }
        self.isLeaf = false
    }

    private init(copying other: RopeNode) {
        units = other.units
        children = other.children
        length = other.length
        isLeaf = other.isLeaf
    }

    /// A shallow copy (children are shared, to be copied in turn when written).
    func copy() -> RopeNode { RopeNode(copying: self) }

    /// Appends the units of `range` (relative to this subtree) to `out`.
    func collect(_ range: Range<Int>, into out: inout [UInt16]) {
        if isLeaf {
            out.append(contentsOf: units[range])
            return
        }
        var start = 0
        for child in children {
            let end = start + child.length
            let lo = Swift.max(range.lowerBound, start), hi = Swift.min(range.upperBound, end)
            if lo < hi { child.collect(lo - start ..< hi - start, into: &out) }
            if end >= range.upperBound { break }
            start = end
        }
    }
}
