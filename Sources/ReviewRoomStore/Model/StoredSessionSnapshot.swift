/// A session's state as of a seq, so loading need not replay the whole log.
public struct StoredSessionSnapshot: Sendable, Equatable {
    /// The last event included in this snapshot.
    public var seq: Int64
    /// Every note's text at `seq`.
    public var notes: [StoredNoteSnapshot]
    /// The rest of the live state (clock, floor, prompts) as opaque JSON text.
    public var stateJSON: String

    /// Creates a snapshot.
    public init(seq: Int64, notes: [StoredNoteSnapshot], stateJSON: String = "{}") {
        self.seq = seq
        self.notes = notes
        self.stateJSON = stateJSON
    }
}
