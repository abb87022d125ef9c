/// One shared note of a session: its text, revision counter and op history.
///
/// A value type with no I/O: the session actor owns one per note, feeds it edits with
/// ``receive(_:baseRev:author:opId:at:)`` and persists what it returns.
/// History holds every revision after ``snapshotRevision`` (0 for a note created empty or
/// with initial text); a buffer restored from a snapshot forgets older ops.
public struct NoteBuffer: Sendable {
    /// The default size limit: 1 MiB of UTF-16 code units (PROTOCOL §3.4).
    public static let defaultMaxLength = 1_048_576

    /// The note id.
    public let id: String
    /// The note's title.
    public var title: String
    /// The current revision (0 before the first edit).
    public internal(set) var revision: Int
    /// The current text.
    public internal(set) var text: Rope
    /// The revision history starts after: ops up to it are not in memory.
    public internal(set) var snapshotRevision: Int
    /// Every op after ``snapshotRevision``, oldest first (`history[i].rev == snapshotRevision + 1 + i`).
    public internal(set) var history: NoteHistory = []
    /// The most UTF-16 units an edit may leave the note with.
    public var maxLength: Int

    /// Length of the text at ``snapshotRevision`` (for authorship of older text).
    var snapshotLength: Int
    /// The revision each edit that changed nothing was acked with (edits that changed
    /// something are found in ``history``).
    var unchangedOps: [NoteOpKey: Int] = [:]
    /// False while the text has certainly never held a surrogate, which lets `receive` skip
    /// the surrogate-pair check (set by astral inserts, never cleared).
    var mayHoldSurrogates: Bool

    /// A new note at revision 0 holding `text`.
    public init(id: String, title: String, text: String = "", maxLength: Int = NoteBuffer.defaultMaxLength) {
        self.init(snapshot: NoteSnapshot(id: id, title: title, rev: 0, text: text), maxLength: maxLength)
    }

    /// A note restored from `snapshot`; history continues from its revision (recovery
    /// then replays the stored ops after it with ``replay(_:)``).
    public init(snapshot: NoteSnapshot, maxLength: Int = NoteBuffer.defaultMaxLength) {
        id = snapshot.id
        title = snapshot.title
        revision = snapshot.rev
        snapshotRevision = snapshot.rev
        text = Rope(snapshot.text)
        snapshotLength = text.utf16Count
        mayHoldSurrogates = snapshot.text.unicodeScalars.contains { $0.value > 0xFFFF }
        self.maxLength = maxLength
    }

    /// The current state as a snapshot (`{id, title, rev, text}`).
    public var snapshot: NoteSnapshot {
        NoteSnapshot(id: id, title: title, rev: revision, text: text.string)
    }

    /// The revision an `(author, opId)` was acked with, if it has been seen since the
    /// snapshot (O(history): for tests and tools, not for the edit path).
    public func revision(of key: NoteOpKey) -> Int? {
        if let rev = unchangedOps[key] { return rev }
        return history.last { $0.author == key.author && $0.opId == key.opId }?.rev
    }

    /// Records that `(author, opId)` was acked with `rev` without an op of its own (an
    /// edit that changed nothing), so that recovery keeps answering its repeats the same way.
    public mutating func recordUnchanged(author: String, opId: String, rev: Int) {
        unchangedOps[NoteOpKey(author: author, opId: opId)] = rev
    }

    /// Length in UTF-16 units of the text at `rev`, which must be in `snapshotRevision ... revision`.
    func length(at rev: Int) -> Int {
        rev == revision ? text.utf16Count : history[rev - snapshotRevision].op.baseLength
    }

    /// Checks that `rev` is one whose text the buffer can reach.
    @inline(__always) // two comparisons on every edit; a call cost more than the check
    func checkKnown(_ rev: Int) throws(NoteError) {
        if rev > revision || rev < 0 {
            throw NoteError(.unknownRevision, "rev \(rev) is not a revision of note '\(id)', which is at rev \(revision)")
        }
        if rev < snapshotRevision {
            throw NoteError(.staleRevision,
                "rev \(rev) of note '\(id)' is older than its history in memory, which starts at rev \(snapshotRevision)")
        }
    }
}
