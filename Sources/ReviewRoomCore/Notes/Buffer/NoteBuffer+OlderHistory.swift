extension NoteBuffer {
    /// Takes back history from before ``snapshotRevision``: `older` must be the ops that led
    /// up to it, ending with revision ``snapshotRevision``, in order. Afterwards edits made on
    /// those older revisions transform as if the history had never been left out, and their
    /// `(author, opId)` are recognised as repeats.
    ///
    /// A buffer restored from a snapshot (PROTOCOL §3.3 keeps a note's history for clients that
    /// reconnect with pending ops) is completed with this when such an edit arrives.
    ///
    /// - Throws: `invalidOp` (changing nothing) when `older` does not end at
    ///   ``snapshotRevision``, skips a revision, or its ops do not chain onto the text's length.
    public mutating func restoreOlderHistory(_ older: [NoteRevision]) throws(NoteError) {
        guard let last = older.last else { return }
        guard last.rev == snapshotRevision else {
            throw NoteError(.invalidOp,
                "older history of note '\(id)' ends at rev \(last.rev), not at its oldest rev in memory \(snapshotRevision)")
        }
        var length = snapshotLength
        for (offset, entry) in older.enumerated().reversed() {
            guard entry.rev == snapshotRevision - (older.count - 1 - offset) else {
                throw NoteError(.invalidOp, "older history of note '\(id)' skips a revision at rev \(entry.rev)")
            }
            guard entry.rev >= 1, entry.op.targetLength == length else {
                throw NoteError(.invalidOp,
                    "older op for rev \(entry.rev) of note '\(id)' leaves \(entry.op.targetLength) code units where \(length) follow")
            }
            length = entry.op.baseLength
        }
        history.prepend(older)
        snapshotRevision -= older.count
        snapshotLength = length
    }

    /// Leaves the ops up to revision `rev` out of memory, as a buffer restored from a snapshot
    /// at `rev` would be, and returns them (oldest first) so that their `(author, opId)` can
    /// still be recognised; ``restoreOlderHistory(_:)`` takes them back. A live session does
    /// this once a snapshot is stored, keeping only its latest revisions: the history of a long
    /// session otherwise grows by an op per keystroke for as long as the session stays loaded.
    /// Nothing happens for a `rev` at or before ``snapshotRevision``; a `rev` past the current
    /// revision forgets up to the current one.
    public mutating func forgetHistory(through rev: Int) -> [NoteRevision] {
        let cut = min(rev, revision) - snapshotRevision
        guard cut > 0 else { return [] }
        let forgotten = Array(history.prefix(cut))
        history.removeFirst(cut)
        snapshotRevision += cut
        snapshotLength = forgotten[cut - 1].op.targetLength
        return forgotten
    }
}

extension NoteBuffer {
    /// The revision through which ``forgetHistory(through:)`` must forget so that the ops left in
    /// memory insert at most `units` UTF-16 units in all: ``snapshotRevision`` (nothing to
    /// forget) when they already do. A count of revisions alone let a few edits that each
    /// replace a long note hold tens of megabytes.
    public func revisionKeepingInserts(atMost units: Int) -> Int {
        var kept = 0
        for index in history.indices.reversed() {
            kept += history[index].op.insertedUnits
            if kept > units { return snapshotRevision + index + 1 }
        }
        return snapshotRevision
    }
}
