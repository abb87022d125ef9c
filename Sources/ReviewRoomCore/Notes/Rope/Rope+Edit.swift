extension Rope {
    /// Inserts `newUnits` at `offset` (in `0 ... utf16Count`).
    public mutating func insert<C: Collection<UInt16>>(_ newUnits: C, at offset: Int) {
        precondition(offset >= 0 && offset <= utf16Count, "rope insert offset out of range")
        if newUnits.isEmpty { return }
        let extra = Self.insert(newUnits, at: offset, into: &root)
        if !extra.isEmpty { root = Self.grow([root] + extra) }
    }

    /// Removes the units in `range` (within `0 ..< utf16Count`).
    public mutating func remove(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= utf16Count, "rope remove range out of bounds")
        if range.isEmpty { return }
        Self.remove(range, from: &root)
        while !root.isLeaf && root.children.count == 1 { root = root.children[0] }
        if !root.isLeaf && root.children.isEmpty { root = RopeNode(leaf: []) }
    }

    // MARK: - Recursion

    private static func makeUnique(_ node: inout RopeNode) {
        if !isKnownUniquelyReferenced(&node) { node = node.copy() }
    }

    /// Inserts into `node`'s subtree; returns new right siblings when `node` overflowed.
    private static func insert<C: Collection<UInt16>>(_ newUnits: C, at offset: Int, into node: inout RopeNode) -> [RopeNode] {
        makeUnique(&node)
        node.length += newUnits.count
        if node.isLeaf {
            node.units.insert(contentsOf: newUnits, at: offset)
            guard node.units.count > maxLeaf else { return [] }
            let pieces = split(node.units, into: maxLeaf)
            node.units = Array(pieces[0])
            node.length = node.units.count
            return pieces.dropFirst().map { RopeNode(leaf: Array($0)) }
        }
        var i = 0
        var position = offset
        let last = node.children.count - 1
        while i < last && position > node.children[i].length {
            position -= node.children[i].length
            i += 1
        }
        let extra = insert(newUnits, at: position, into: &node.children[i])
        guard !extra.isEmpty else { return [] }
        node.children.insert(contentsOf: extra, at: i + 1)
        guard node.children.count > maxChildren else { return [] }
        let groups = split(node.children, into: maxChildren)
        node.children = Array(groups[0])
        node.length = node.children.reduce(0) { $0 + $1.length }
        return groups.dropFirst().map { RopeNode(children: Array($0)) }
    }

    /// Splits `items` into the fewest nearly equal slices of at most `size` elements.
    private static func split<T>(_ items: [T], into size: Int) -> [ArraySlice<T>] {
        let count = (items.count + size - 1) / size
        let each = (items.count + count - 1) / count
        return stride(from: 0, to: items.count, by: each).map { items[$0 ..< Swift.min($0 + each, items.count)] }
    }

    /// Builds a new root over sibling nodes of equal height.
    private static func grow(_ nodes: [RopeNode]) -> RopeNode {
        var level = nodes
        while level.count > 1 {
            level = split(level, into: maxChildren).map { RopeNode(children: Array($0)) }
        }
        return level[0]
    }

    private static func remove(_ range: Range<Int>, from node: inout RopeNode) {
        makeUnique(&node)
        node.length -= range.count
        if node.isLeaf {
            node.units.removeSubrange(range)
            return
        }
        var i = 0
        var start = 0
        var leftSmallLeaf = false
        while i < node.children.count && start < range.upperBound {
            let end = start + node.children[i].length
            let lo = Swift.max(range.lowerBound, start), hi = Swift.min(range.upperBound, end)
            if lo == start && hi == end {
                node.children.remove(at: i)
                start = end
                continue
            }
            if lo < hi {
                remove(lo - start ..< hi - start, from: &node.children[i])
                let child = node.children[i]
                if child.isLeaf && child.length < maxLeaf / 4 { leftSmallLeaf = true }
            }
            start = end
            i += 1
        }
        if leftSmallLeaf { mergeSmallLeaves(in: node) }
    }

    /// Merges each small leaf child into its right neighbour when both fit in one leaf.
    private static func mergeSmallLeaves(in node: RopeNode) {
        var i = 0
        while i + 1 < node.children.count {
            let left = node.children[i], right = node.children[i + 1]
            let small = left.length < maxLeaf / 4 || right.length < maxLeaf / 4
            if small && left.isLeaf && right.isLeaf && left.length + right.length <= maxLeaf {
                node.children[i] = RopeNode(leaf: left.units + right.units)
                node.children.remove(at: i + 1)
            } else {
                i += 1
            }
        }
    }
}
