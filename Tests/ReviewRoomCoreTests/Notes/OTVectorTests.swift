import Testing
@testable import ReviewRoomCore

/// Runs the shared `ot-vectors.json` cases (the same file the browser's JS module will check).
@Suite struct OTVectorTests {
    @Test func transformVectorsHoldAndConverge() throws {
        let vectors = try NotesFixtures.vectors()
        try #require(!vectors.transform.isEmpty)
        for v in vectors.transform {
            let (aPrime, bPrime) = try TextOperation.transform(v.a, v.b)
            #expect(aPrime == v.aPrime, "\(v.name): a′")
            #expect(bPrime == v.bPrime, "\(v.name): b′")
            let viaA = try bPrime.apply(to: v.a.apply(to: v.doc))
            let viaB = try aPrime.apply(to: v.b.apply(to: v.doc))
            #expect(viaA == v.result, "\(v.name): a then b′")
            #expect(viaB == v.result, "\(v.name): b then a′")
        }
    }

    @Test func composeVectorsHold() throws {
        for v in try NotesFixtures.vectors().compose {
            let composed = try v.a.compose(v.b)
            #expect(composed == v.composed, "\(v.name)")
            #expect(try composed.apply(to: v.doc) == v.result, "\(v.name)")
            #expect(try v.b.apply(to: v.a.apply(to: v.doc)) == v.result, "\(v.name)")
        }
    }

    @Test func invertVectorsRestoreTheDocument() throws {
        for v in try NotesFixtures.vectors().invert {
            let inverse = try v.op.inverted(on: Rope(v.doc))
            #expect(inverse == v.inverse)
            #expect(try inverse.apply(to: v.op.apply(to: v.doc)) == v.doc)
        }
    }

    @Test func cursorVectorsHold() throws {
        for v in try NotesFixtures.vectors().cursor {
            #expect(v.op.transform(position: v.position) == v.expected, "\(v.op.json) at \(v.position)")
        }
    }

    @Test func validVectorsAreAccepted() throws {
        for v in try NotesFixtures.vectors().valid {
            var note = NoteBuffer(id: "n", title: "N", text: v.doc)
            let op = try TextOperation(json: v.json)
            _ = try note.receive(op, baseRev: 0, author: "p", opId: "1", at: Timestamp(millisecondsSince1970: 0))
            #expect(note.text.string == v.result, "\(v.json)")
        }
    }

    @Test func invalidVectorsAreRefusedAndChangeNothing() throws {
        let vectors = try NotesFixtures.vectors()
        try #require(vectors.invalid.count >= 10)
        for v in vectors.invalid {
            var note = NoteBuffer(id: "n", title: "N", text: v.doc)
            let before = note.snapshot
            var caught: NoteError?
            do {
                let op = try TextOperation(json: v.json)
                _ = try note.receive(op, baseRev: 0, author: "p", opId: "1", at: Timestamp(millisecondsSince1970: 0))
            } catch {
                caught = error
            }
            let error = try #require(caught, "\(v.json) was accepted")
            #expect(error.kind.rawValue == v.kind, "\(v.json)")
            #expect(error.message.contains(v.mentions), "\(v.json): \(error.message)")
            #expect(note.snapshot == before)
            #expect(note.revision(of: NoteOpKey(author: "p", opId: "1")) == nil, "a refused edit must not use up its opId")
        }
    }
}
