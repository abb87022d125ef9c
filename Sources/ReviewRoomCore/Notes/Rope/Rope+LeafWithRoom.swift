extension Rope {
    /// The deepest tree ``insertIntoLeafWithRoom(_:at:)`` walks. A split leaves at least 8
    /// children in each half, so only a text that once held more than 8^19 leaves could grow
    /// deeper; such a tree takes the general insert.
    static let maxLeafWithRoomDepth = 20

    /// The common case of an insert: when the leaf that takes `offset` (the one the general
    /// ``insertSplitting(_:at:)`` picks) has room for `newUnits`, inserts them there and adds
    /// their count to every node on the way down. Returns false, changing nothing, when the
    /// leaf would overflow.
    mutating func insertIntoLeafWithRoom(_ newUnits: UnsafeBufferPointer<UInt16>, at offset: Int) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maxLeafWithRoomDepth) { path in
            // Only reads until the leaf is known to have room; then the table is written in
            // one pass, checked for sharing once instead of at every level.
            var depth = 0, index = root, position = offset
            while !nodes[index].isLeaf {
                guard depth < path.count else { return false }
                path[depth] = index
                depth += 1
                let (i, inChild) = child(of: index, taking: position)
                index = nodes[index].children[i]
                position = inChild
            }
            guard nodes[index].units.count + newUnits.count <= Self.maxLeaf else { return false }
            nodes.withUnsafeMutableBufferPointer { table in
                for node in path[..<depth] { table[node].length += newUnits.count }
                table[index].length += newUnits.count
                table[index].insertUnits(newUnits, at: position)
            }
            return true
        }
    }

    /// Which child of inner node `index` an insert at `position` goes into (its place among
    /// the children) and the position within that child: the first child that reaches
    /// `position`, so an insert between two children appends to the left one.
    func child(of index: Int, taking position: Int) -> (child: Int, position: Int) {
        let children = nodes[index].children
        var i = 0, position = position
        while i < children.count - 1 {
            let length = nodes[children[i]].length
            if position <= length { break }
            position -= length
            i += 1
        }
        return (i, position)
    }
}
