import Testing
import ReviewRoomTesting
@testable import ReviewRoomCore

/// The server of the core tests' concurrent trace replay: a ``NoteBuffer`` in memory, each
/// edit received at the next tick of a counter clock. The schedule itself is
/// ``ConcurrentTraceSchedule`` (ReviewRoomTesting), shared with the live replay.
struct InMemoryTraceServer: TraceEditReceiver {
    private(set) var note: NoteBuffer
    private var clock: Int64 = 0

    init(startContent: String) {
        note = NoteBuffer(id: "friends", title: "Friends", text: startContent)
    }

    mutating func receive(_ edit: NoteOutgoingEdit, author: String, from agent: Int) throws -> AppliedTraceEdit {
        clock += 1
        let result = try note.receive(edit.op, baseRev: edit.baseRev, author: author, opId: edit.opId,
                                      at: Timestamp(millisecondsSince1970: clock))
        try #require(result.outcome == .applied, "no two agents edit one place at once in this trace")
        return AppliedTraceEdit(rev: result.rev, op: result.op)
    }
}
