import Testing
@testable import ReviewRoomCore

@Suite struct OpIDTextTests {
    @Test func integersAndStringsOfTheSameDigitsStayApart() {
        let seven = OpIDText.integer(7)
        #expect(seven != "7")
        #expect(OpIDText.integerValue(of: seven) == 7)
        #expect(OpIDText.integerValue(of: OpIDText.integer(-42)) == -42)
        #expect(OpIDText.integerValue(of: "7") == nil)
        #expect(OpIDText.integerValue(of: "") == nil)
        #expect(OpIDText.isReserved(seven))
        #expect(OpIDText.isReserved("\u{FFFF}x"))
        #expect(!OpIDText.isReserved("7"))
        #expect(!OpIDText.isReserved(""))
        // Keys of the two forms are different keys.
        #expect(NoteOpKey(author: "r1", opId: seven) != NoteOpKey(author: "r1", opId: "7"))
    }

    @Test func messagesShowAnIntegerAsDigitsAndAStringQuotedAndCut() {
        #expect(OpIDText.described(OpIDText.integer(7)) == "7")
        #expect(OpIDText.described("7") == "'7'")
        #expect(OpIDText.described(String(repeating: "a", count: 100)) == "'" + String(repeating: "a", count: 64) + "…'", "a cut says so")
    }

    @Test func aNoteBufferTreatsThemAsTwoOps() throws {
        var buffer = NoteBuffer(id: "n", title: "N")
        let at = Timestamp(millisecondsSince1970: 0)
        let first = try buffer.receive(TextOperation(json: #"["a"]"#), baseRev: 0, author: "r1", opId: OpIDText.integer(7), at: at)
        let second = try buffer.receive(TextOperation(json: #"[1, "b"]"#), baseRev: 1, author: "r1", opId: "7", at: at)
        #expect(first.rev == 1)
        #expect(second.rev == 2)
        #expect(buffer.text.string == "ab")
    }
}
