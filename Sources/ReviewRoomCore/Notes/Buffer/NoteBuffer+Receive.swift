extension NoteBuffer {
    /// Receives an edit made on revision `baseRev`: transforms it over every op since,
    /// applies it as a new revision and returns what to broadcast and ack.
    ///
    /// - A repeated `(author, opId)` applies nothing and returns the revision it got first.
    /// - An edit that changes nothing after transformation is accepted with the current
    ///   revision, no new revision, and its `opId` recorded with that revision.
    /// - Throws (changing nothing, recording no `opId`) for a `baseRev` ahead of the note
    ///   (`unknownRevision`) or older than the history in memory (`staleRevision`), an op
    ///   that does not span the note at `baseRev` or cuts a surrogate pair (`invalidOp`), and
    ///   an edit that would leave the note over ``maxLength`` (`tooLarge`).
    public mutating func receive(
        _ op: TextOperation, baseRev: Int, author: String, opId: String, at time: Timestamp
    ) throws(NoteError) -> NoteEditResult {
        let key = NoteOpKey(author: author, opId: opId)
        if let rev = seenOps[key] {
            return NoteEditResult(outcome: .duplicate, rev: rev, op: nil)
        }
        try checkKnown(baseRev)
        let expected = length(at: baseRev)
        guard op.baseLength == expected else {
            throw NoteError(.invalidOp,
                "op spans \(op.baseLength) code units but note '\(id)' has \(expected) at rev \(baseRev)")
        }
        var transformed = op
        for entry in history[(baseRev - snapshotRevision)...] {
            transformed = try TextOperation.transform(entry.op, transformed).1
        }
        try checkSurrogates(transformed)
        if transformed.isNoop {
            seenOps[key] = revision
            return NoteEditResult(outcome: .unchanged, rev: revision, op: nil)
        }
        if transformed.targetLength > maxLength && transformed.targetLength > transformed.baseLength {
            throw NoteError(.tooLarge,
                "the edit would make note '\(id)' \(transformed.targetLength) code units long; the limit is \(maxLength)")
        }
        try transformed.apply(to: &text)
        revision += 1
        history.append(NoteRevision(rev: revision, op: transformed, author: author, opId: opId, at: time))
        seenOps[key] = revision
        return NoteEditResult(outcome: .applied, rev: revision, op: transformed)
    }

    /// Replays a stored history entry during recovery: `entry.rev` must be the next
    /// revision and `entry.op` must span the current text. Applies it without transforming.
    public mutating func replay(_ entry: NoteRevision) throws(NoteError) {
        guard entry.rev == revision + 1 else {
            throw NoteError(.invalidOp,
                "stored op for rev \(entry.rev) does not follow note '\(id)' at rev \(revision)")
        }
        guard entry.op.baseLength == text.utf16Count else {
            throw NoteError(.invalidOp,
                "stored op for rev \(entry.rev) spans \(entry.op.baseLength) code units but note '\(id)' has \(text.utf16Count)")
        }
        try entry.op.apply(to: &text)
        revision = entry.rev
        history.append(entry)
        seenOps[NoteOpKey(author: entry.author, opId: entry.opId)] = entry.rev
    }

    /// Transforms a cursor or selection made at `fromRev` to the current revision
    /// (for the ephemeral `cursor` message). Positions are UTF-16 offsets.
    public func transformCursor(anchor: Int, head: Int, fromRev: Int) throws(NoteError) -> (anchor: Int, head: Int) {
        try checkKnown(fromRev)
        let length = length(at: fromRev)
        for (name, value) in [("anchor", anchor), ("head", head)] where value < 0 || value > length {
            throw NoteError(.invalidOp,
                "cursor \(name) \(value) is outside note '\(id)', which has \(length) code units at rev \(fromRev)")
        }
        var a = anchor, h = head
        for entry in history[(fromRev - snapshotRevision)...] {
            a = entry.op.transform(position: a)
            h = entry.op.transform(position: h)
        }
        return (a, h)
    }

    /// Throws when a boundary of `op` (on the current text) falls inside a surrogate pair.
    func checkSurrogates(_ op: TextOperation) throws(NoteError) {
        var position = 0
        for component in op.components {
            if text.splitsSurrogatePair(at: position) {
                throw NoteError(.invalidOp, "position \(position) splits a surrogate pair in note '\(id)'")
            }
            if case .insert = component { continue }
            position += component.length
        }
    }
}
