import Testing
@testable import ReviewRoomCore

@Suite struct NoteClientTests {
    func op(_ json: String) throws -> TextOperation { try TextOperation(json: json) }

    @Test func walksThroughTheThreeStates() throws {
        var client = NoteClient(participant: "me", revision: 3, text: "abc", opIdPrefix: "c")
        let first = try #require(try client.applyLocal(op(#"[3, "d"]"#)))
        #expect(first == NoteOutgoingEdit(op: try op(#"[3, "d"]"#), baseRev: 3, opId: "c1"))
        #expect(client.state == .awaitingConfirm(outstanding: first))
        #expect(try client.applyLocal(op(#"[4, "e"]"#)) == nil)
        #expect(try client.applyLocal(op(#"[5, "f"]"#)) == nil)
        #expect(client.state == .awaitingWithBuffer(outstanding: first, buffer: [try op(#"[4, "ef"]"#)]))
        #expect(client.document.string == "abcdef")

        let update = try client.receiveEvent(rev: 4, op: op(#"["X", 3]"#), by: "other", opId: "9")
        #expect(update == NoteClientUpdate(apply: try op(#"["X", 6]"#), send: nil))
        #expect(client.document.string == "Xabcdef")
        #expect(client.revision == 4)

        let confirmed = try client.receiveEvent(rev: 5, op: op(#"[4, "d"]"#), by: "me", opId: "c1")
        let second = try #require(confirmed.send)
        #expect(confirmed.apply == nil)
        #expect(second == NoteOutgoingEdit(op: try op(#"[5, "ef"]"#), baseRev: 5, opId: "c2"))
        #expect(client.receiveAck(opId: "c1", rev: 5) == nil, "the event already confirmed c1")
        #expect(client.state == .awaitingConfirm(outstanding: second))

        #expect(client.receiveAck(opId: "c2", rev: 5) == nil)
        #expect(client.state == .synchronized)
        #expect(client.revision == 5)
    }

    @Test func serverInsertsWinTiesAgainstPendingEdits() throws {
        var client = NoteClient(participant: "me", revision: 0, text: "ab")
        _ = try client.applyLocal(op(#"[1, "M", 1]"#))
        _ = try client.receiveEvent(rev: 1, op: op(#"[1, "S", 1]"#), by: "other", opId: "1")
        #expect(client.document.string == "aSMb")
        #expect(client.outstandingEdit?.op == (try op(#"[2, "M", 1]"#)))
    }

    @Test func uncomposedBuffersSendEditsOneByOne() throws {
        var client = NoteClient(participant: "me", revision: 0, text: "", composesBuffer: false)
        let first = try #require(try client.applyLocal(op(#"["a"]"#)))
        _ = try client.applyLocal(op(#"[1, "b"]"#))
        _ = try client.applyLocal(op(#"[2, "c"]"#))
        let second = client.receiveAck(opId: first.opId, rev: 1)
        #expect(second?.op == (try op(#"[1, "b"]"#)))
        #expect(second?.baseRev == 1)
        if case .awaitingWithBuffer(_, let buffer) = client.state {
            #expect(buffer == [try op(#"[2, "c"]"#)])
        } else {
            Issue.record("expected a buffer, got \(client.state)")
        }
    }

    @Test func refusesALocalOpThatDoesNotFitAndStaysPut() throws {
        var client = NoteClient(participant: "me", revision: 0, text: "abc")
        #expect(throws: NoteError.self) { try client.applyLocal(op("[4]")) }
        #expect(try client.applyLocal(op("[3]")) == nil, "a no-op is not sent")
        #expect(client.state == .synchronized)
        #expect(client.document.string == "abc")
    }
}
