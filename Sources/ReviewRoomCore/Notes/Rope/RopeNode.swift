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

    /// An inner node over `children`, whose lengths add up to `length`.
    init(children: [Int], length: Int) {
        self.units = []
        self.children = children
        self.length = length
        self.isLeaf = false
    }
}
