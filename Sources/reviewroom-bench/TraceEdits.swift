import ReviewRoomCore
import ReviewRoomTesting

/// A trace converted (untimed) into UTF-16 edits and ot.js ops, ready to replay.
struct TraceEdits {
    /// One edit in UTF-16 units.
    struct Edit {
        var position: Int
        var deleted: Int
        var inserted: [UInt16]
    }

    let start: String
    let edits: [Edit]
    let ops: [TextOperation]
    let opIds: [String]

    var count: Int { edits.count }

    /// Converts code point positions to UTF-16 with ``CodePointIndex`` and builds each
    /// patch's op (`retain, delete, insert, retain` spanning the text at that point).
    init(_ trace: EditTrace) {
        start = trace.startContent ?? ""
        var index = CodePointIndex(start)
        var length = start.utf16.count
        var edits: [Edit] = [], ops: [TextOperation] = []
        for txn in trace.txns {
            for patch in txn.patches {
                let from = index.utf16Offset(ofCodePoint: patch.position)
                let to = index.utf16Offset(ofCodePoint: patch.position + patch.deleted)
                index.replace(at: patch.position, deleting: patch.deleted, inserting: patch.inserted)
                let inserted = Array(patch.inserted.utf16)
                edits.append(Edit(position: from, deleted: to - from, inserted: inserted))
                var op = TextOperation()
                op.retain(from)
                op.delete(to - from)
                op.insert(patch.inserted)
                op.retain(length - to)
                ops.append(op)
                length += inserted.count - (to - from)
            }
        }
        self.edits = edits
        self.ops = ops
        opIds = (0 ..< edits.count).map(String.init)
    }

    /// Replays every op through a fresh ``NoteBuffer``; returns the time and the final text.
    func replayThroughNoteBuffer() throws -> (Duration, String) {
        var note = NoteBuffer(id: "bench", title: "Bench", text: start)
        let at = Timestamp(millisecondsSince1970: 0)
        let clock = ContinuousClock()
        let began = clock.now
        for i in ops.indices {
            _ = try note.receive(ops[i], baseRev: note.revision, author: "author", opId: opIds[i], at: at)
        }
        let elapsed = clock.now - began
        return (elapsed, note.text.string)
    }

    /// Replays every edit on a flat contiguous UTF-16 array (memmove per edit).
    func replayThroughFlatArray() -> (Duration, String) {
        var text = Array(start.utf16)
        let clock = ContinuousClock()
        let began = clock.now
        for edit in edits {
            text.replaceSubrange(edit.position ..< edit.position + edit.deleted, with: edit.inserted)
        }
        let elapsed = clock.now - began
        return (elapsed, String(decoding: text, as: UTF16.self))
    }
}
