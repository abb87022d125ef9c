import Testing
@testable import ReviewRoomCore

@Suite struct NoteBufferTests {
    let t0 = Timestamp(millisecondsSince1970: 1_795_946_401_004)

    func op(_ json: String) throws -> TextOperation { try TextOperation(json: json) }

    @Test func appliesAndRecordsHistory() throws {
        var note = NoteBuffer(id: "evidence", title: "Evidence", text: "abc")
        let result = try note.receive(op(#"[3, "d"]"#), baseRev: 0, author: "p_asha", opId: "o1", at: t0)
        #expect(result == NoteEditResult(outcome: .applied, rev: 1, op: try op(#"[3, "d"]"#)))
        #expect(note.revision == 1)
        #expect(note.text.string == "abcd")
        #expect(note.history == [NoteRevision(rev: 1, op: try op(#"[3, "d"]"#), author: "p_asha", opId: "o1", at: t0)])
        #expect(note.snapshot == NoteSnapshot(id: "evidence", title: "Evidence", rev: 1, text: "abcd"))
    }

    @Test func transformsOverConcurrentOpsWithTheFirstAppliedLeft() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "abc")
        _ = try note.receive(op(#"[1, "X", 2]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        let second = try note.receive(op(#"[1, "Y", 2]"#), baseRev: 0, author: "b", opId: "1", at: t0)
        #expect(second.op == (try op(#"[2, "Y", 2]"#)))
        #expect(second.rev == 2)
        #expect(note.text.string == "aXYbc")
    }

    @Test func aRepeatedOpIdReturnsTheOriginalRevisionAndAppliesNothing() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "abc")
        _ = try note.receive(op(#"[3, "d"]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        _ = try note.receive(op(#"[4, "e"]"#), baseRev: 1, author: "b", opId: "1", at: t0)
        let again = try note.receive(op(#"[3, "d"]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        #expect(again == NoteEditResult(outcome: .duplicate, rev: 1, op: nil))
        #expect(note.text.string == "abcde")
        #expect(note.revision == 2)
    }

    @Test func anEditThatChangesNothingAfterTransformKeepsTheRevisionAndRecordsItsOpId() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "abc")
        _ = try note.receive(op("[1, -1, 1]"), baseRev: 0, author: "a", opId: "1", at: t0)
        let same = try note.receive(op("[1, -1, 1]"), baseRev: 0, author: "b", opId: "7", at: t0)
        #expect(same == NoteEditResult(outcome: .unchanged, rev: 1, op: nil))
        #expect(note.revision == 1)
        #expect(note.history.count == 1)
        _ = try note.receive(op(#"[2, "z"]"#), baseRev: 1, author: "a", opId: "2", at: t0)
        let repeated = try note.receive(op("[1, -1, 1]"), baseRev: 0, author: "b", opId: "7", at: t0)
        #expect(repeated == NoteEditResult(outcome: .duplicate, rev: 1, op: nil))
        let retainOnly = try note.receive(op("[3]"), baseRev: 2, author: "b", opId: "8", at: t0)
        #expect(retainOnly.outcome == .unchanged)
        #expect(retainOnly.rev == 2)
    }

    @Test func refusesARevisionAheadOfTheNoteAndKeepsTheOpIdFree() throws {
        var note = NoteBuffer(id: "evidence", title: "E", text: "abc")
        let error = #expect(throws: NoteError.self) {
            try note.receive(op("[3]"), baseRev: 5, author: "a", opId: "1", at: t0)
        }
        #expect(error == NoteError(.unknownRevision, "rev 5 is not a revision of note 'evidence', which is at rev 0"))
        #expect(throws: NoteError.self) { try note.receive(op("[3]"), baseRev: -1, author: "a", opId: "1", at: t0) }
        let later = try note.receive(op(#"["x", 3]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        #expect(later.outcome == .applied)
    }

    @Test func namesTheLengthAtTheBaseRevision() throws {
        var note = NoteBuffer(id: "evidence", title: "E", text: "abcdefghij")
        _ = try note.receive(op(#"[10, "kl"]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        let error = #expect(throws: NoteError.self) {
            try note.receive(op("[12]"), baseRev: 0, author: "b", opId: "1", at: t0)
        }
        #expect(error?.message == "op spans 12 code units but note 'evidence' has 10 at rev 0")
        #expect(note.text.string == "abcdefghijkl")
        #expect(note.revision(of: NoteOpKey(author: "b", opId: "1")) == nil)
    }

    @Test func refusesSplittingASurrogatePairAfterTransformation() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "ab")
        _ = try note.receive(op(#"[1, "😀", 1]"#), baseRev: 1 - 1, author: "a", opId: "1", at: t0)
        let error = #expect(throws: NoteError.self) {
            try note.receive(op(#"[2, "x", 2]"#), baseRev: 1, author: "b", opId: "1", at: t0)
        }
        #expect(error?.message == "position 2 splits a surrogate pair in note 'n'")
        #expect(note.text.string == "a😀b")
    }

    @Test func enforcesTheSizeLimitButAllowsShrinking() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "abc", maxLength: 4)
        _ = try note.receive(op(#"[3, "d"]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        let error = #expect(throws: NoteError.self) {
            try note.receive(op(#"[4, "e"]"#), baseRev: 1, author: "a", opId: "2", at: t0)
        }
        #expect(error == NoteError(.tooLarge, "the edit would make note 'n' 5 code units long; the limit is 4"))
        #expect(error?.wireCode == "too_large")
        #expect(note.text.string == "abcd")
        #expect(note.revision(of: NoteOpKey(author: "a", opId: "2")) == nil)
        note.maxLength = 2
        let shrink = try note.receive(op("[-1, 3]"), baseRev: 1, author: "a", opId: "2", at: t0)
        #expect(shrink.outcome == .applied)
    }

    @Test func theDefaultLimitIsOneMebiUnit() throws {
        var note = NoteBuffer(id: "n", title: "N", text: String(repeating: "x", count: 1_048_575))
        #expect(note.maxLength == 1_048_576)
        _ = try note.receive(op(#"[1048575, "y"]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        #expect(throws: NoteError.self) {
            try note.receive(op(#"[1048576, "z"]"#), baseRev: 1, author: "a", opId: "2", at: t0)
        }
        #expect(note.text.utf16Count == 1_048_576)
    }

    @Test func restoresFromASnapshotAndReplaysStoredOps() throws {
        var original = NoteBuffer(id: "n", title: "N", text: "hello")
        for (i, json) in [#"[5, " world"]"#, #"["¡", 11]"#, #"[7, -5]"#, #"[7, "there"]"#].enumerated() {
            _ = try original.receive(op(json), baseRev: original.revision, author: "a\(i % 2)", opId: "\(i)", at: t0)
        }
        let snapshotAtTwo = NoteSnapshot(id: "n", title: "N", rev: 2, text: "¡hello world")
        var restored = NoteBuffer(snapshot: snapshotAtTwo)
        for entry in original.history where entry.rev > 2 { try restored.replay(entry) }
        #expect(restored.snapshot == original.snapshot)
        #expect(restored.snapshotRevision == 2)
        #expect(restored.history.count == 2)
        let stale = #expect(throws: NoteError.self) {
            try restored.receive(op("[12]"), baseRev: 1, author: "b", opId: "1", at: t0)
        }
        #expect(stale?.kind == .staleRevision)
        #expect(stale?.wireCode == "invalid_state")
        let duplicate = try restored.receive(op("[1]"), baseRev: 2, author: "a0", opId: "2", at: t0)
        #expect(duplicate == NoteEditResult(outcome: .duplicate, rev: 3, op: nil))
        let merged = try restored.receive(op(#"[12, "!"]"#), baseRev: 2, author: "b", opId: "1", at: t0)
        #expect(merged.outcome == .applied)
        #expect(restored.text.string == "¡hello there!")
    }

    @Test func replayRefusesOpsThatDoNotFollow() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "abc")
        let gap = NoteRevision(rev: 2, op: try op("[3]"), author: "a", opId: "1", at: t0)
        #expect(throws: NoteError.self) { try note.replay(gap) }
        let wrongLength = NoteRevision(rev: 1, op: try op("[4]"), author: "a", opId: "1", at: t0)
        #expect(throws: NoteError.self) { try note.replay(wrongLength) }
        #expect(note.revision == 0)
        #expect(note.text.string == "abc")
    }

    @Test func authorshipFollowsTheHistory() throws {
        var note = NoteBuffer(snapshot: NoteSnapshot(id: "n", title: "N", rev: 4, text: "base"))
        _ = try note.receive(op(#"[4, "+asha"]"#), baseRev: 4, author: "asha", opId: "1", at: t0)
        _ = try note.receive(op(#"[2, "ben", 7]"#), baseRev: 5, author: "ben", opId: "1", at: t0)
        _ = try note.receive(op(#"[-1, 11, "!"]"#), baseRev: 6, author: "asha", opId: "2", at: t0)
        #expect(note.text.string == "abense+asha!")
        #expect(note.authorship() == [
            AuthorshipRun(range: 0 ..< 1, author: nil),
            AuthorshipRun(range: 1 ..< 4, author: "ben"),
            AuthorshipRun(range: 4 ..< 6, author: nil),
            AuthorshipRun(range: 6 ..< 12, author: "asha"),
        ])
    }

    @Test func transformsCursorsToTheCurrentRevision() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "hello world")
        _ = try note.receive(op(#"[">> ", 11]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        _ = try note.receive(op("[3, -6, 5]"), baseRev: 1, author: "a", opId: "2", at: t0)
        let moved = try note.transformCursor(anchor: 6, head: 11, fromRev: 0)
        #expect(moved.anchor == 3 && moved.head == 8)
        let current = try note.transformCursor(anchor: 1, head: 2, fromRev: 2)
        #expect(current.anchor == 1 && current.head == 2)
        let outside = #expect(throws: NoteError.self) { try note.transformCursor(anchor: 0, head: 12, fromRev: 0) }
        #expect(outside?.message == "cursor head 12 is outside note 'n', which has 11 code units at rev 0")
        #expect(throws: NoteError.self) { try note.transformCursor(anchor: 0, head: 0, fromRev: 3) }
    }

    /// An edit inside a surrogate pair is refused; a cursor there (a client's mistake, only
    /// shown to others) is moved to the pair's start, at its own revision or an older one.
    @Test func aCursorInsideASurrogatePairMovesToThePairsStart() throws {
        var note = NoteBuffer(id: "n", title: "N", text: "🇵🇸 flag")
        let inside = try note.transformCursor(anchor: 1, head: 3, fromRev: 0)
        #expect(inside.anchor == 0 && inside.head == 2)
        _ = try note.receive(op(#"["ab", 9]"#), baseRev: 0, author: "a", opId: "1", at: t0)
        let older = try note.transformCursor(anchor: 1, head: 4, fromRev: 0)
        #expect(older.anchor == 2 && older.head == 6)
        let between = try note.transformCursor(anchor: 4, head: 4, fromRev: 1)
        #expect(between.anchor == 4 && between.head == 4)
    }

    @Test func recoveryKeepsAnsweringRepeatsOfUnchangedEdits() throws {
        var note = NoteBuffer(snapshot: NoteSnapshot(id: "n", title: "N", rev: 9, text: "abc"))
        note.recordUnchanged(author: "b", opId: "42", rev: 9)
        #expect(note.revision(of: NoteOpKey(author: "b", opId: "42")) == 9)
        #expect(note.revision(of: NoteOpKey(author: "a", opId: "42")) == nil)
        let repeated = try note.receive(op(#"["x", 3]"#), baseRev: 9, author: "b", opId: "42", at: t0)
        #expect(repeated == NoteEditResult(outcome: .duplicate, rev: 9, op: nil))
        #expect(note.text.string == "abc")
        let other = try note.receive(op(#"["x", 3]"#), baseRev: 9, author: "a", opId: "42", at: t0)
        #expect(other.outcome == .applied)
        #expect(note.text.string == "xabc")
    }

    @Test func errorsDescribeThemselvesAndMapToWireCodes() {
        let error = NoteError(.invalidOp, "component 0 is 0; retains and deletes must be non-zero")
        #expect(error.description == "invalidOp: component 0 is 0; retains and deletes must be non-zero")
        #expect(error.wireCode == "invalid_op")
        #expect(NoteError(.unknownRevision, "x").wireCode == "invalid_op")
    }
}
