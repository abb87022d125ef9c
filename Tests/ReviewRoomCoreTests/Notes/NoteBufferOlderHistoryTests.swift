import Testing
@testable import ReviewRoomCore

/// A buffer restored from a snapshot takes back the ops before it when an edit made on an
/// older revision arrives, and then behaves exactly like a buffer that kept its whole history.
@Suite struct NoteBufferOlderHistoryTests {
    let t0 = Timestamp(millisecondsSince1970: 1_795_946_401_004)

    func op(_ json: String) throws -> TextOperation { try TextOperation(json: json) }

    /// "hello" → five revisions by two authors, one of them an astral insert.
    func original() throws -> NoteBuffer {
        var note = NoteBuffer(id: "n", title: "N", text: "hello")
        for (i, json) in [#"[5, " world"]"#, #"["¡", 11]"#, #"[7, -5]"#, #"[7, "there"]"#, #"[12, "😀"]"#].enumerated() {
            _ = try note.receive(op(json), baseRev: note.revision, author: "a\(i % 2)", opId: "\(i)", at: t0)
        }
        return note
    }

    func restored(from original: NoteBuffer, at rev: Int) throws -> NoteBuffer {
        var text = NoteBuffer(id: "n", title: "N", text: "hello")
        for entry in original.history where entry.rev <= rev { try text.replay(entry) }
        var restored = NoteBuffer(snapshot: NoteSnapshot(id: "n", title: "N", rev: rev, text: text.text.string))
        for entry in original.history where entry.rev > rev { try restored.replay(entry) }
        return restored
    }

    @Test func anEditOnAnOlderRevisionTransformsLikeTheWholeHistory() throws {
        var whole = try original()
        var restored = try restored(from: whole, at: 4)
        let older = whole.history.filter { $0.rev <= 4 }
        try restored.restoreOlderHistory(Array(older.suffix(3)))
        #expect(restored.snapshotRevision == 1)
        #expect(Array(restored.history) == whole.history.filter { $0.rev > 1 })
        let late = try op(#"[5, "!", 6]"#)
        let expected = try whole.receive(late, baseRev: 1, author: "b", opId: "x", at: t0)
        let got = try restored.receive(late, baseRev: 1, author: "b", opId: "x", at: t0)
        #expect(got == expected)
        #expect(restored.text.string == whole.text.string)
    }

    @Test func aRepeatFromBeforeTheSnapshotIsRecognisedOnceTheHistoryIsBack() throws {
        let whole = try original()
        var restored = try restored(from: whole, at: 4)
        try restored.restoreOlderHistory(Array(whole.history.filter { $0.rev <= 4 }))
        #expect(restored.snapshotRevision == 0)
        #expect(restored.authorship() == whole.authorship())
        let repeatOfRevTwo = try restored.receive(op(#"["¡", 11]"#), baseRev: 1, author: "a1", opId: "1", at: t0)
        #expect(repeatOfRevTwo == NoteEditResult(outcome: .duplicate, rev: 2, op: nil))
        #expect(restored.revision == whole.revision)
    }

    @Test func forgottenHistoryLeavesLaterEditsAsTheyWereAndComesBackWhole() throws {
        var whole = try original()
        var trimmed = whole
        let forgotten = trimmed.forgetHistory(through: 3)
        #expect(forgotten == whole.history.filter { $0.rev <= 3 })
        #expect(trimmed.snapshotRevision == 3)
        #expect(Array(trimmed.history) == whole.history.filter { $0.rev > 3 })
        #expect(trimmed.forgetHistory(through: 2).isEmpty, "nothing at or before the revision already forgotten")
        // An edit on a revision still in memory transforms exactly as with the whole history.
        let late = try op(#"[7, "!"]"#)
        var copy = trimmed
        #expect(try copy.receive(late, baseRev: 3, author: "b", opId: "x", at: t0)
                == (try whole.receive(late, baseRev: 3, author: "b", opId: "x", at: t0)))
        // One on a forgotten revision is stale until the history is back, then as before.
        let older = try op(#"[5, "?", 6]"#)
        #expect(throws: NoteError.self) { try trimmed.receive(older, baseRev: 1, author: "b", opId: "y", at: t0) }
        try trimmed.restoreOlderHistory(forgotten)
        #expect(trimmed.snapshotRevision == 0)
        let originalAuthorship = try original().authorship()
        #expect(trimmed.authorship() == originalAuthorship)
        var reference = try original()
        #expect(try trimmed.receive(older, baseRev: 1, author: "b", opId: "y", at: t0)
                == (try reference.receive(older, baseRev: 1, author: "b", opId: "y", at: t0)))
        // Past the current revision: everything in memory is forgotten.
        var all = try original()
        #expect(all.forgetHistory(through: 99).count == 5)
        #expect(all.snapshotRevision == 5 && all.history.isEmpty)
    }

    @Test func historyThatDoesNotLeadUpToTheSnapshotIsRefusedAndChangesNothing() throws {
        let whole = try original()
        var restored = try restored(from: whole, at: 4)
        let before = restored.history
        let older = whole.history.filter { $0.rev <= 4 }
        let cases: [[NoteRevision]] = [
            Array(older.prefix(3)),                       // ends at rev 3, not 4
            [older[0], older[1], older[3]],               // skips rev 3
            older.map { var e = $0; if e.rev == 2 { e.op = try! TextOperation(json: "[11]") }; return e },  // lengths do not chain
        ]
        for bad in cases {
            #expect(throws: NoteError.self) { try restored.restoreOlderHistory(bad) }
            #expect(restored.history == before)
            #expect(restored.snapshotRevision == 4)
        }
        try restored.restoreOlderHistory([])
        #expect(restored.snapshotRevision == 4)
    }

    /// " world" (6 units), "¡" (1), a delete (0), "there" (5), "😀" (2): forgetting through the
    /// returned revision leaves ops inserting at most the budget.
    @Test func theRevisionToForgetThroughKeepsTheInsertsWithinABudget() throws {
        let whole = try original()
        #expect(whole.revisionKeepingInserts(atMost: 100) == 0, "everything fits: nothing to forget")
        #expect(whole.revisionKeepingInserts(atMost: 7) == 2, "the delete, \"there\" and \"😀\" insert 7")
        #expect(whole.revisionKeepingInserts(atMost: 2) == 4)
        #expect(whole.revisionKeepingInserts(atMost: 1) == 5, "\"😀\" alone is two units")
        #expect(whole.revisionKeepingInserts(atMost: 0) == 5)
        var trimmed = whole
        _ = trimmed.forgetHistory(through: trimmed.revisionKeepingInserts(atMost: 7))
        #expect(trimmed.history.map(\.rev) == [3, 4, 5])
        #expect(trimmed.revisionKeepingInserts(atMost: 100) == 2, "its snapshot revision when all that is left fits")
    }
}
