extension Rope {
    /// Inserts `text` at `offset` (in `0 ... utf16Count`); returns how many UTF-16 units that was.
    @discardableResult
    public mutating func insert(_ text: String, at offset: Int) -> Int {
        // One pass: a string never has more UTF-16 units than UTF-8 bytes (O(1) to ask), so the
        // units are written into room for that many and counted on the way.
        let room = text.utf8.count
        if room == 0 { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: room) { buffer in
            let written = Self.writeUTF16(of: text, into: buffer)
            insert(UnsafeBufferPointer(rebasing: buffer[..<written]), at: offset)
            return written
        }
    }

    /// Writes the UTF-16 units of `text` into `buffer` (room for `text.utf8.count` units)
    /// and returns how many there are.
    static func writeUTF16(of text: String, into buffer: UnsafeMutableBufferPointer<UInt16>) -> Int {
        // ASCII text, most of what is typed, is its UTF-8 bytes widened: read in place, that
        // skips the UTF-16 view's per-unit transcoding. A non-ASCII byte starts over below.
        let widened = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            for (i, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                buffer[i] = UInt16(byte)
            }
            return bytes.count
        }
        if let count = widened ?? nil { return count }
        var written = 0
        for unit in text.utf16 {
            buffer[written] = unit
            written += 1
        }
        return written
    }

    /// Inserts `newUnits` at `offset` (in `0 ... utf16Count`).
    public mutating func insert(_ newUnits: [UInt16], at offset: Int) {
        newUnits.withUnsafeBufferPointer { insert($0, at: offset) }
    }

    /// Inserts `newUnits` at `offset` (in `0 ... utf16Count`).
    public mutating func insert(_ newUnits: UnsafeBufferPointer<UInt16>, at offset: Int) {
        precondition(offset >= 0 && offset <= utf16Count, "rope insert offset out of range")
        if newUnits.isEmpty { return }
        if !insertIntoLeafWithRoom(newUnits, at: offset) { insertSplitting(newUnits, at: offset) }
    }

    /// The general insert (``insertIntoLeafWithRoom(_:at:)`` takes the common case): splits
    /// the leaf and inner nodes that overflow, and grows the tree at the root.
    mutating func insertSplitting(_ newUnits: UnsafeBufferPointer<UInt16>, at offset: Int) {
        let extra = insert(newUnits, at: offset, into: root)
        if !extra.isEmpty { root = grow([root] + extra) }
    }

    /// Removes the units in `range` (within `0 ..< utf16Count`).
    public mutating func remove(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= utf16Count, "rope remove range out of bounds")
        if range.isEmpty || removeWithinLeaf(range) { return }
        removeMerging(range)
    }

    /// The general removal (``removeWithinLeaf(_:)`` takes the common case): drops emptied
    /// nodes, merges small leaves and shortens the tree at the root.
    mutating func removeMerging(_ range: Range<Int>) {
        remove(range, from: root)
        while !nodes[root].isLeaf && nodes[root].children.count == 1 {
            let old = root
            root = nodes[root].children[0]
            nodes[old].children = [] // the new root lives on
            free(old)
        }
        if !nodes[root].isLeaf && nodes[root].children.isEmpty {
            nodes[root] = RopeNode(leaf: [])
        }
    }

    // MARK: - Recursion over the node table

    /// Inserts into the subtree at `index`; returns new right siblings when it overflowed.
    private mutating func insert(_ newUnits: UnsafeBufferPointer<UInt16>, at offset: Int, into index: Int) -> [Int] {
        nodes[index].length += newUnits.count
        if nodes[index].isLeaf {
            nodes[index].insertUnits(newUnits, at: offset)
            guard nodes[index].units.count > Self.maxLeaf else { return [] }
            let pieces = Self.split(nodes[index].units, into: Self.maxLeaf)
            nodes[index].units = Array(pieces[0])
            nodes[index].length = pieces[0].count
            var siblings: [Int] = []
            for piece in pieces.dropFirst() { siblings.append(allocate(RopeNode(leaf: Array(piece)))) }
            return siblings
        }
        let (i, position) = child(of: index, taking: offset)
        let extra = insert(newUnits, at: position, into: nodes[index].children[i])
        guard !extra.isEmpty else { return [] }
        nodes[index].children.insert(contentsOf: extra, at: i + 1)
        guard nodes[index].children.count > Self.maxChildren else { return [] }
        let groups = Self.split(nodes[index].children, into: Self.maxChildren)
        nodes[index].children = Array(groups[0])
        nodes[index].length = length(of: groups[0])
        var siblings: [Int] = []
        for group in groups.dropFirst() {
            siblings.append(allocate(RopeNode(children: Array(group), length: length(of: group))))
        }
        return siblings
    }

    private mutating func remove(_ range: Range<Int>, from index: Int) {
        nodes[index].length -= range.count
        if nodes[index].isLeaf {
            nodes[index].units.removeSubrange(range)
            return
        }
        var (i, start) = firstChild(of: index, reaching: range.lowerBound)
        var leftSmallLeaf = false
        while i < nodes[index].children.count && start < range.upperBound {
            let child = nodes[index].children[i]
            let end = start + nodes[child].length
            let lo = Swift.max(range.lowerBound, start), hi = Swift.min(range.upperBound, end)
            if lo == start && hi == end {
                nodes[index].children.remove(at: i)
                free(child)
                start = end
                continue
            }
            if lo < hi {
                remove(lo - start ..< hi - start, from: child)
                if nodes[child].isLeaf && nodes[child].length < Self.maxLeaf / 4 { leftSmallLeaf = true }
            }
            start = end
            i += 1
        }
        if leftSmallLeaf { mergeSmallLeaves(in: index) }
    }

    /// The first child of inner node `index` that does not lie wholly before `offset`, and
    /// where it starts. A child that ends at `offset` lies before it unless it is empty there.
    func firstChild(of index: Int, reaching offset: Int) -> (child: Int, start: Int) {
        // One tight scan over the children, so the removing loop only visits the ones it cuts.
        let children = nodes[index].children
        var i = 0, start = 0
        while i < children.count {
            let end = start + nodes[children[i]].length
            if end > offset || start == offset { break }
            start = end
            i += 1
        }
        return (i, start)
    }

    /// Merges each small leaf child of `index` into its left neighbour when both fit in one leaf.
    private mutating func mergeSmallLeaves(in index: Int) {
        var i = 0
        while i + 1 < nodes[index].children.count {
            let left = nodes[index].children[i], right = nodes[index].children[i + 1]
            let small = nodes[left].length < Self.maxLeaf / 4 || nodes[right].length < Self.maxLeaf / 4
            if small && nodes[left].isLeaf && nodes[right].isLeaf
                && nodes[left].length + nodes[right].length <= Self.maxLeaf {
                let moved = nodes[right].units
                nodes[left].units.append(contentsOf: moved)
                nodes[left].length += moved.count
                nodes[index].children.remove(at: i + 1)
                free(right)
            } else {
                i += 1
            }
        }
    }

    /// Builds a new root over sibling subtrees of equal height.
    private mutating func grow(_ siblings: [Int]) -> Int {
        var level = siblings
        while level.count > 1 {
            var next: [Int] = []
            for group in Self.split(level, into: Self.maxChildren) {
                next.append(allocate(RopeNode(children: Array(group), length: length(of: group))))
            }
            level = next
        }
        return level[0]
    }

    private func length(of children: ArraySlice<Int>) -> Int {
        children.reduce(0) { $0 + nodes[$1].length }
    }

    private mutating func allocate(_ node: RopeNode) -> Int {
        if let slot = freeSlots.popLast() {
            nodes[slot] = node
            return slot
        }
        nodes.append(node)
        return nodes.count - 1
    }

    /// Returns the subtree at `index` to the free list.
    private mutating func free(_ index: Int) {
        let children = nodes[index].children
        nodes[index] = RopeNode(leaf: [])
        freeSlots.append(index)
        for child in children { free(child) }
    }

    /// Splits `items` into the fewest nearly equal slices of at most `size` elements.
    private static func split<T>(_ items: [T], into size: Int) -> [ArraySlice<T>] {
        let count = (items.count + size - 1) / size
        let each = (items.count + count - 1) / count
        return stride(from: 0, to: items.count, by: each).map { items[$0 ..< Swift.min($0 + each, items.count)] }
    }
}
