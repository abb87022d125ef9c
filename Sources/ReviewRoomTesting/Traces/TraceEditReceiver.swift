import ReviewRoomCore

/// The server side of a ``ConcurrentTraceSchedule``: how an edit one agent sent reaches the
/// server (an in-memory `NoteBuffer`, or the real daemon over that agent's connection).
public protocol TraceEditReceiver {
    /// The server receives `edit`, sent by agent `agent` (0 or 1) as participant `author`;
    /// returns the revision it got and the op as applied (nil if it changed nothing).
    mutating func receive(_ edit: NoteOutgoingEdit, author: String, from agent: Int) throws -> AppliedTraceEdit
}
