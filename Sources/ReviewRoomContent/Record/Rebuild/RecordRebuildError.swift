/// Why a stored log could not be turned into a record: which event, and what was wrong with it.
public struct RecordRebuildError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Code: String, Sendable {
        /// The event's `data` is not what its name requires.
        case badEvent = "bad_event"
        /// A `note.op` does not apply to its note (wrong revision or length).
        case badNoteOp = "bad_note_op"
    }

    /// The kind of problem.
    public var code: Code
    /// A message naming the event: `event 12 (clock.changed) …`.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code; self.message = message
    }
}
