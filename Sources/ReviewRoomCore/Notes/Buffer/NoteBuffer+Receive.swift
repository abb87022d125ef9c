extension NoteBuffer {
    /// Receives an edit made on revision `baseRev`: transforms it over every op since,
    /// applies it as a new revision and returns what to broadcast and ack.
    ///
    /// - A repeated `(author, opId)` applies nothing and returns the revision it got first.
    ///   A resubmission carries the `rev` it was first sent with (PROTOCOL §3.3), so its
    ///   first revision is after `baseRev`: it is looked up among the ops since `baseRev`
    ///   (the ones the edit is transformed over anyway) and among edits that changed
    ///   nothing, which keeps the common path free of a lookup in a table of every op id.
    /// - An edit that changes nothing after transformation is accepted with the current
    ///   revision, no new revision, and its `opId` recorded with that revision.
    /// - Throws (changing nothing, recording no `opId`) for a `baseRev` ahead of the note
    ///   (`unknownRevision`) or older than the history in memory (`staleRevision`), an op
    ///   that does not span the note at `baseRev` or cuts a surrogate pair (`invalidOp`), and
    ///   an edit that would leave the note over ``maxLength`` (`tooLarge`).
    public mutating func receive(
        _ op: consuming TextOperation, baseRev: Int, author: String, opId: String, at time: Timestamp
    ) throws(NoteError) -> NoteEditResult {
        if !unchangedOps.isEmpty, let rev = unchangedOps[NoteOpKey(author: author, opId: opId)] {
            return NoteEditResult(outcome: .duplicate, rev: rev, op: nil)
        }
        if baseRev >= snapshotRevision && baseRev < revision {
            for entry in history[(baseRev - snapshotRevision)...] where entry.opId == opId && entry.author == author {
                return NoteEditResult(outcome: .duplicate, rev: entry.rev, op: nil)
            }
        }
        try checkKnown(baseRev)
        let expected = length(at: baseRev)
        guard op.baseLength == expected else {
            throw NoteError(.invalidOp,
                "op spans \(op.baseLength) code units but note '\(id)' has \(expected) at rev \(baseRev)")
        }
        var transformed = op
        if baseRev < revision {
            for entry in history[(baseRev - snapshotRevision)...] {
                transformed = try TextOperation.transform(entry.op, transformed).1
            }
        }
        if mayHoldSurrogates { try checkSurrogates(transformed) }
        if transformed.isNoop {
            unchangedOps[NoteOpKey(author: author, opId: opId)] = revision
            return NoteEditResult(outcome: .unchanged, rev: revision, op: nil)
        }
        if transformed.targetLength > maxLength && transformed.targetLength > transformed.baseLength {
            throw NoteError(.tooLarge,
                "the edit would make note '\(id)' \(transformed.targetLength) code units long; the limit is \(maxLength)")
        }
        noteSurrogates(in: transformed)
        try transformed.apply(to: &text)
        revision += 1
        history.append(NoteRevision(rev: revision, op: transformed, author: author, opId: opId, at: time))
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
        noteSurrogates(in: entry.op)
        try entry.op.apply(to: &text)
        revision = entry.rev
        history.append(entry)
    }

    /// Sets ``mayHoldSurrogates`` when `op` inserts an astral character.
    mutating func noteSurrogates(in op: TextOperation) {
        guard !mayHoldSurrogates else { return }
        mayHoldSurrogates = op.components.contains { if case .insert(let s) = $0 { s.hasAstralScalar } else { false } }
    }

    /// Transforms a cursor or selection made at `fromRev` to the current revision
    /// (for the ephemeral `cursor` message). Positions are UTF-16 offsets; one that falls
    /// inside a surrogate pair is moved to the pair's start, so no client is told of a caret
    /// inside a character (an edit there is `invalid_op`; a cursor is only shown, so it is mended).
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
        guard mayHoldSurrogates else { return (a, h) }
        return (text.splitsSurrogatePair(at: a) ? a - 1 : a, text.splitsSurrogatePair(at: h) ? h - 1 : h)
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
