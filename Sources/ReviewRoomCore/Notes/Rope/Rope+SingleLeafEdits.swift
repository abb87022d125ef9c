/// The common edits, which change one leaf and no tree structure: they walk down once,
/// reading only, and then write the lengths along the remembered path in one pass over the
/// table (checked for sharing once, not at every level). Each returns false, changing
/// nothing, when the edit needs the general recursion.
extension Rope {
    /// The deepest tree the single-leaf edits walk (a deeper one takes the general edits).
    /// A new level takes at least 8 splits of the level below, so reaching this depth takes
    /// more than 8^19 leaf splits, each after about a thousand inserted units.
    static let maxSingleLeafDepth = 20

    /// Inserts `newUnits` at `offset` when the leaf that takes it (the one the general
    /// ``insertSplitting(_:at:)`` picks) has room for them.
    mutating func insertIntoLeafWithRoom(_ newUnits: UnsafeBufferPointer<UInt16>, at offset: Int) -> Bool {
        editLeaf(at: offset, for: .insert) { leafLength, _, _ in
            leafLength + newUnits.count <= Self.maxLeaf ? newUnits.count : nil
        } edit: { leaf, position in
            leaf.insertUnits(newUnits, at: position)
        }
    }

    /// Removes `range` (non-empty) when it lies inside one leaf and leaves that leaf non-empty
    /// and at least at the general removal's merge threshold (any size for a root leaf), so
    /// no node is dropped or merged.
    mutating func removeWithinLeaf(_ range: Range<Int>) -> Bool {
        editLeaf(at: range.lowerBound, for: .removal) { leafLength, position, isRoot in
            let remaining = leafLength - range.count
            guard position + range.count <= leafLength, remaining > 0,
                  remaining >= Self.maxLeaf / 4 || isRoot else { return nil }
            return -range.count
        } edit: { leaf, position in
            leaf.units.removeSubrange(position ..< position + range.count)
        }
    }

    /// Which child a single-leaf edit walks into: the one the general insert or removal picks.
    private enum ChildChoice { case insert, removal }

    /// Walks from the root to the leaf holding `offset`, picking each child as the general
    /// edit `choice` does; then `change` tells, from the leaf's length, the offset in it and
    /// whether it is the root, by how much the lengths change (nil: give up), and `edit`
    /// changes the leaf's units.
    @inline(__always) // so that each caller's closures are inlined, not called through contexts
    private mutating func editLeaf(
        at offset: Int,
        for choice: ChildChoice,
        change: (_ leafLength: Int, _ position: Int, _ isRoot: Bool) -> Int?,
        edit: (_ leaf: inout RopeNode, _ position: Int) -> Void
    ) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.maxSingleLeafDepth) { path in
            var depth = 0, index = root, position = offset
            while !nodes[index].isLeaf {
                guard depth < path.count else { return false }
                path[depth] = index
                depth += 1
                let i: Int
                switch choice {
                case .insert:
                    (i, position) = child(of: index, taking: position)
                case .removal:
                    let (place, start) = firstChild(of: index, reaching: position)
                    (i, position) = (place, position - start)
                }
                guard i < nodes[index].children.count else { return false }
                index = nodes[index].children[i]
            }
            guard let delta = change(nodes[index].length, position, depth == 0) else { return false }
            nodes.withUnsafeMutableBufferPointer { table in
                for node in path[..<depth] { table[node].length += delta }
                table[index].length += delta
                edit(&table[index], position)
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
