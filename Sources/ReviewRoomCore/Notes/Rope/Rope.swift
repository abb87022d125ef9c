/// A text stored as a B-tree of UTF-16 chunks, so that an edit costs O(log n) and the
/// length in UTF-16 units is O(1).
///
/// Leaves hold up to ``maxLeaf`` units, inner nodes up to ``maxChildren`` children, and every
/// leaf is at the same depth (the tree only grows at the root). Deleting merges a small leaf
/// into a neighbour when they fit together and drops empty nodes, but does not rebalance
/// inner nodes: the height stays bounded by the log of the largest size the text ever had.
/// `Rope` is a value: copies share nodes and copy a path of nodes on their first write.
public struct Rope: Sendable, Equatable, CustomStringConvertible {
    /// The most units a leaf holds.
    public static let maxLeaf = 1024
    /// The most children an inner node holds.
    public static let maxChildren = 16

    var root: RopeNode

    /// The empty text.
    public init() { root = RopeNode(leaf: []) }

    /// A rope holding `text`.
    public init(_ text: String) { self.init(units: Array(text.utf16)) }

    /// A rope holding `units`.
    public init(units: [UInt16]) {
        root = RopeNode(leaf: [])
        insert(units, at: 0)
    }

    /// Length in UTF-16 code units, O(1).
    public var utf16Count: Int { root.length }

    /// Whether the text is empty.
    public var isEmpty: Bool { root.length == 0 }

    /// The whole text as UTF-16 units.
    public var units: [UInt16] { units(in: 0 ..< utf16Count) }

    /// The units in `range`.
    public func units(in range: Range<Int>) -> [UInt16] {
        var out: [UInt16] = []
        out.reserveCapacity(range.count)
        root.collect(range.clamped(to: 0 ..< utf16Count), into: &out)
        return out
    }

    /// The unit at `offset` (which must be in `0 ..< utf16Count`), O(log n).
    public func unit(at offset: Int) -> UInt16 {
        var node = root
        var position = offset
        while !node.isLeaf {
            var i = 0
            while i < node.children.count - 1 && position >= node.children[i].length {
                position -= node.children[i].length
                i += 1
            }
            node = node.children[i]
        }
        return node.units[position]
    }

    /// Whether `offset` falls between the two halves of a surrogate pair.
    public func splitsSurrogatePair(at offset: Int) -> Bool {
        guard offset > 0 && offset < utf16Count else { return false }
        return UTF16.isLeadSurrogate(unit(at: offset - 1)) && UTF16.isTrailSurrogate(unit(at: offset))
    }

    /// The text as a `String` (a snapshot).
    public var string: String { String(decoding: units, as: UTF16.self) }

    /// Same as ``string``.
    public var description: String { string }

    /// Two ropes are equal when they hold the same units, however they are chunked.
    public static func == (lhs: Rope, rhs: Rope) -> Bool {
        lhs.utf16Count == rhs.utf16Count && (lhs.root === rhs.root || lhs.units == rhs.units)
    }
}
