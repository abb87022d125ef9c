/// An editing trace in the josephg/editing-traces JSON format (CC BY 4.0), sequential or
/// concurrent: the one decoder shared by the core tests, the live tests and `reviewroom-bench`.
///
/// Positions count Unicode code points, not UTF-16 units. Sequential traces carry no
/// `parents` or `agent`; concurrent ones (friendsforever) carry both.
public struct EditTrace: Decodable, Sendable {
    /// One `[position, numDeleted, "inserted"]` patch; positions count Unicode code points.
    public struct Patch: Decodable, Sendable {
        /// Where the patch starts, in code points of the text before it.
        public var position: Int
        /// How many code points it deletes at `position`.
        public var deleted: Int
        /// What it inserts at `position` after deleting.
        public var inserted: String

        /// Decodes the three-element array form.
        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            position = try c.decode(Int.self)
            deleted = try c.decode(Int.self)
            inserted = try c.decode(String.self)
        }
    }

    /// One transaction: patches applied in order, each on the text the previous one left.
    public struct Transaction: Decodable, Sendable {
        /// The patches, in order.
        public var patches: [Patch]
        /// In a concurrent trace, the transactions this one was made after (indices into `txns`).
        public var parents: [Int]?
        /// In a concurrent trace, which agent (0 or 1) made this transaction.
        public var agent: Int?
    }

    /// The text before the first transaction (absent means empty).
    public var startContent: String?
    /// The text after every transaction.
    public var endContent: String
    /// The transactions, in order.
    public var txns: [Transaction]
}
