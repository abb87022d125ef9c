/// A node of ``Rope``'s B-tree, stored by value in the rope's node table: a leaf holding a
/// chunk of UTF-16 units, or an inner node holding the table indices of its children.
struct RopeNode: Sendable {
    /// Units in this subtree.
    var length: Int
    /// The chunk, for leaves.
    var units: [UInt16]
    /// Table indices of the children (all of equal height), for inner nodes.
    var children: [Int]
    /// Whether this is a leaf.
    var isLeaf: Bool

    /// A leaf holding `units`.
    init(leaf units: [UInt16]) {
        self.units = units
        self.children = []
        self.length = units.count
        self.isLeaf = true
    }

    /// Inserts `newUnits` into this leaf's chunk at `offset` (``length`` is the caller's).
    mutating func insertUnits(_ newUnits: UnsafeBufferPointer<UInt16>, at offset: Int) {
        if newUnits.count == 1 {
            // A keystroke: inserting one element skips the generic collection copy.
            units.insert(newUnits[0], at: offset)
        } else {
            units.insert(contentsOf: newUnits, at: offset)
        }
    }

    /// An inner node over `children`, whose lengths add up to `length`.
    init(children: [Int], length: Int) {
        self.units = []
        self.children = children
        self.length = length
        self.isLeaf = false
    }
}
