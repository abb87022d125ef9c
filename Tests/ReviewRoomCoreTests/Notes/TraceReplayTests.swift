import Testing
import ReviewRoomTesting
@testable import ReviewRoomCore

/// Replays real editing traces (josephg/editing-traces, CC BY 4.0) through the notes engine.
@Suite struct TraceReplayTests {
    @Test func automergePaperReplaysSequentiallyToItsEndContent() async throws {
        // Seconds of CPU: off the cooperative pool (see OwnThread).
        try await OwnThread.run {
            let trace = try NotesFixtures.trace("automerge-paper.json.gz")
            let start = trace.startContent ?? ""
            var note = NoteBuffer(id: "paper", title: "Paper", text: start)
            var index = CodePointIndex(start)
            var edits = 0
            for (t, txn) in trace.txns.enumerated() {
                for (p, patch) in txn.patches.enumerated() {
                    let op = TracePatches.op(patch, length: note.text.utf16Count, index: &index)
                    let result = try note.receive(op, baseRev: note.revision, author: "author",
                                                  opId: "\(t).\(p)", at: Timestamp(millisecondsSince1970: Int64(t)))
                    #expect(result.outcome == .applied)
                    edits += 1
                }
            }
            #expect(edits == 259_778)
            #expect(note.revision == edits)
            #expect(note.text.utf16Count == trace.endContent.utf16.count)
            #expect(note.text.string == trace.endContent)
            #expect(note.authorship() == [AuthorshipRun(range: 0 ..< trace.endContent.utf16.count, author: "author")])
        }
    }

    @Test func friendsForeverConvergesWithTwoClientsFollowingParents() async throws {
        // Seconds of CPU: off the cooperative pool (see OwnThread).
        try await OwnThread.run {
            let trace = try NotesFixtures.trace("friendsforever.json.gz")
            try #require(trace.txns.allSatisfy { $0.patches.allSatisfy { $0.inserted.utf8.allSatisfy { $0 < 0x80 } } },
                         "this replay counts positions in UTF-16 units, so it needs an ASCII trace")
            let start = trace.startContent ?? ""
            var replay = try ConcurrentTraceSchedule(trace: trace, startContent: start, participants: ["agent0", "agent1"],
                                                     receiver: InMemoryTraceServer(startContent: start))
            try replay.run()
            #expect(replay.receiver.note.text.string == trace.endContent)
            for client in replay.clients {
                #expect(client.state == .synchronized)
                #expect(client.revision == replay.receiver.note.revision)
                #expect(client.document.string == trace.endContent)
            }
            #expect(replay.receiver.note.revision == trace.txns.count)
            #expect(replay.bufferedTransactions > 0, "the replay must exercise the awaiting-with-buffer state")
        }
    }
}
