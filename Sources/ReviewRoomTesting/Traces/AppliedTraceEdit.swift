import ReviewRoomCore

/// What the server did with one edit of a ``ConcurrentTraceSchedule``.
public struct AppliedTraceEdit: Sendable {
    /// The revision the edit was applied as.
    public var rev: Int
    /// The op as applied (transformed), broadcast to both agents; nil if it changed nothing.
    public var op: TextOperation?

    /// Creates the result.
    public init(rev: Int, op: TextOperation?) {
        self.rev = rev
        self.op = op
    }
}
