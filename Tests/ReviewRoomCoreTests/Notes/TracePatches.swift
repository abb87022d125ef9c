import ReviewRoomTesting
@testable import ReviewRoomCore

/// Turns editing-trace patches (code point positions) into ot.js ops on a note.
enum TracePatches {
    /// The op for one patch on a text of `length` UTF-16 units indexed by `index`; updates `index`.
    static func op(_ patch: EditTrace.Patch, length: Int, index: inout CodePointIndex) -> TextOperation {
        let from = index.utf16Offset(ofCodePoint: patch.position)
        let to = index.utf16Offset(ofCodePoint: patch.position + patch.deleted)
        index.replace(at: patch.position, deleting: patch.deleted, inserting: patch.inserted)
        var op = TextOperation()
        op.retain(from)
        op.delete(to - from)
        op.insert(patch.inserted)
        op.retain(length - to)
        return op
    }
}
