import Foundation
import Testing
@testable import ReviewRoomCore

@Suite struct TextOperationTests {
    @Test func builderNormalises() {
        var op = TextOperation()
        op.retain(2); op.retain(0); op.retain(1)
        op.delete(1); op.insert("a"); op.insert("b"); op.delete(2); op.insert("")
        #expect(op.components == [.retain(3), .insert("ab"), .delete(3)])
        #expect(op.baseLength == 6)
        #expect(op.targetLength == 5)
        #expect(TextOperation([.retain(0), .insert(""), .delete(0)]).components.isEmpty)
    }

    @Test func lengthsCountUTF16Units() {
        let op = TextOperation([.insert("😀é")])
        #expect(op.targetLength == 3)
        #expect(OpComponent.insert("😀").length == 2)
    }

    @Test func noopIsOnlyRetains() {
        #expect(TextOperation.identity(length: 4).isNoop)
        #expect(TextOperation().isNoop)
        #expect(!TextOperation([.retain(1), .delete(1)]).isNoop)
    }

    @Test func insertedUnitsCountOnlyTheInsertsInUTF16Units() {
        #expect(TextOperation([.retain(5), .insert("😀é"), .delete(7), .retain(2), .insert("ab")]).insertedUnits == 5)
        #expect(TextOperation([.delete(60_000), .insert(String(repeating: "x", count: 60_000))]).insertedUnits == 60_000)
        #expect(TextOperation([.retain(3), .delete(3)]).insertedUnits == 0)
        #expect(TextOperation.identity(length: 9).insertedUnits == 0)
    }

    @Test func applyRefusesAWrongLengthAndLeavesTheRopeAlone() throws {
        var rope = Rope("abc")
        let error = #expect(throws: NoteError.self) { try TextOperation([.retain(4)]).apply(to: &rope) }
        #expect(error?.kind == .invalidOp)
        #expect(error?.message == "op spans 4 code units but the text has 3")
        #expect(rope.string == "abc")
        #expect(throws: NoteError.self) { try TextOperation([.retain(2)]).apply(to: "abc") }
    }

    @Test func composeAndTransformRefuseMismatchedOps() {
        let a = TextOperation([.retain(3)]), b = TextOperation([.retain(4)])
        let composeError = #expect(throws: NoteError.self) { try a.compose(b) }
        #expect(composeError?.message.contains("produces 3 code units but the second spans 4") == true)
        let transformError = #expect(throws: NoteError.self) { try TextOperation.transform(a, b) }
        #expect(transformError?.message.contains("span 3 and 4 code units") == true)
    }

    @Test func invertRefusesTheWrongBase() {
        #expect(throws: NoteError.self) { try TextOperation([.delete(2)]).inverted(on: Rope("abc")) }
    }

    @Test func jsonRoundTrips() throws {
        let op = TextOperation([.retain(2), .insert("a\"b\\c\n\u{1}😀"), .delete(3), .retain(1)])
        #expect(try TextOperation(json: op.json) == op)
        #expect(op.json == #"[2,"a\"b\\c\n\u0001😀",-3,1]"#)
        let encoded = try JSONEncoder().encode(op)
        #expect(try JSONDecoder().decode(TextOperation.self, from: encoded) == op)
    }

    @Test(arguments: ["[0]", "[\"\"]", "[1, 0]"])
    func codableRefusesZeroLengthComponents(_ json: String) {
        let error = #expect(throws: NoteError.self) { try JSONDecoder().decode(TextOperation.self, from: Data(json.utf8)) }
        #expect(error?.kind == .invalidOp)
    }

    @Test func codableErrorsSurviveANestingDecoder() throws {
        struct Edit: Decodable { var rev: Int; var op: TextOperation }
        let good = try JSONDecoder().decode(Edit.self, from: Data(#"{"rev": 3, "op": [1, "é", -1]}"#.utf8))
        #expect(good.op == TextOperation([.retain(1), .insert("é"), .delete(1)]))
        let error = #expect(throws: NoteError.self) {
            try JSONDecoder().decode(Edit.self, from: Data(#"{"rev": 3, "op": [2, ""]}"#.utf8))
        }
        #expect(error?.message == #"component 1 is an empty insert (""), which PROTOCOL forbids"#)
    }

    @Test func codableRefusesOtherValues() {
        #expect(throws: NoteError.self) { try JSONDecoder().decode(TextOperation.self, from: Data("[true]".utf8)) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(TextOperation.self, from: Data("{}".utf8)) }
    }

    @Test func validatingInitRefusesNonPositiveCounts() {
        let error = #expect(throws: NoteError.self) { try TextOperation(validating: [.retain(1), .delete(-2)]) }
        #expect(error?.message == "component 1 is a delete of -2; deletes must be positive")
        #expect(throws: NoteError.self) { try TextOperation(validating: [.retain(0)]) }
    }

    @Test(arguments: ["", "[", "[1", "[1,]", "[-]", "[\"a", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12G4\"]",
                      "[\"a\u{1}\"]", "[1e3]", "[1234567890123456]", "[1] [2]"])
    func parserRefusesMalformedJSON(_ json: String) {
        let error = #expect(throws: NoteError.self) { try TextOperation(json: json) }
        #expect(error?.kind == .invalidOp)
        #expect(error?.message.isEmpty == false)
    }

    /// Fifteen-digit counts are each allowed, but 10 000 of them (one message under a raised
    /// `max_message_bytes`) used to overflow `Int` while the op was summed and trap the daemon.
    @Test(arguments: ["999999999999999", "-999999999999999"])
    func parserRefusesAnOpSpanningPastMaxSpan(_ component: String) {
        let json = "[" + Array(repeating: component, count: 10_000).joined(separator: ",") + "]"
        let error = #expect(throws: NoteError.self) { try TextOperation(json: json) }
        #expect(error?.kind == .invalidOp)
        #expect(error?.message == "component 1 takes the op past \(TextOperation.maxSpan) code units (retains plus deletes); no note is that long")
    }

    @Test func anOpSpanningExactlyMaxSpanIsWellFormed() throws {
        let op = try TextOperation(json: "[\(TextOperation.maxSpan - 1), \"a\", -1]")
        #expect(op.baseLength == TextOperation.maxSpan)
    }

    @Test func codableRefusesTheMostNegativeCountWithoutTrapping() {
        let json = Data("[\(Int.min)]".utf8)
        let error = #expect(throws: NoteError.self) { try JSONDecoder().decode(TextOperation.self, from: json) }
        #expect(error?.kind == .invalidOp)
    }

    @Test func parserNamesTheLoneSurrogate() {
        let error = #expect(throws: NoteError.self) { try TextOperation(json: #"[1, "ab\uDE00"]"#) }
        #expect(error?.message == #"component 1 inserts a lone surrogate (\uDE00) at code unit 2 of its text, half of a character"#)
    }

    @Test func cursorMovesWithEdits() {
        let op = TextOperation([.retain(2), .delete(2), .insert("xyz"), .retain(2)])
        #expect(op.transform(position: 0) == 0)
        #expect(op.transform(position: 2) == 5)
        #expect(op.transform(position: 3) == 5)
        #expect(op.transform(position: 6) == 7)
    }
}
