import ReviewRoomCore
import ReviewRoomProtocol
import Testing

@Suite("Client message decoding")
struct ClientMessageDecoderTests {
    private func decode(_ text: String) -> Result<ClientRequest, ProtocolError> {
        Result { () throws(ProtocolError) in try ClientMessageDecoder.request(Array(text.utf8)) }
    }

    private func error(_ text: String) -> ProtocolError? {
        if case .failure(let error) = decode(text) { return error }
        return nil
    }

    @Test func decodesEveryCommandShape() throws {
        let cases: [(String, ClientCommand)] = [
            (#"{"type":"ping","id":1}"#, .ping),
            (#"{"type":"clock.extend","id":1,"seconds":-30.5}"#, .core(.clockExtend(seconds: -30.5))),
            (#"{"type":"clock.extend","id":1,"seconds":60,"phase":2}"#, .core(.clockExtend(seconds: 60, phase: 2))),
            (#"{"type":"clock.extend","id":1,"seconds":60,"phase":null}"#, .core(.clockExtend(seconds: 60))),
            (#"{"type":"floor.release","id":1}"#, .core(.floorRelease())),
            (#"{"type":"floor.release","id":1,"participant":"p_a"}"#, .core(.floorRelease(participant: "p_a"))),
            (#"{"type":"phase.next","id":1}"#, .core(.phaseNext())),
            (#"{"type":"phase.next","id":1,"phase":3}"#, .core(.phaseNext(from: 3))),
            (#"{"type":"phase.prev","id":1,"phase":1}"#, .core(.phasePrev(from: 1))),
            (#"{"type":"phase.goto","id":1,"index":2,"phase":1}"#, .core(.phaseGoto(index: 2, from: 1))),
            (#"{"type":"floor.next","id":1,"turnSec":90,"speaker":"p_a"}"#, .core(.floorNext(turnSec: 90, speaker: "p_a"))),
            (#"{"type":"floor.next","id":1,"next":"p_b"}"#, .core(.floorNext(next: "p_b"))),
            (#"{"type":"phase.goto","id":1,"index":2}"#, .core(.phaseGoto(index: 2))),
            (#"{"type":"hand.raise","id":1,"kind":"response"}"#, .core(.handRaise(kind: .response, participant: nil))),
            (#"{"type":"floor.grant","id":1,"participant":"p_1","turnSec":60}"#, .core(.floorGrant(participant: "p_1", turnSec: 60))),
            (#"{"type":"round.start","id":1,"order":["a","b"],"secondsEach":30}"#, .core(.roundStart(order: ["a", "b"], secondsEach: 30))),
            (#"{"type":"prompt.discussed","id":1,"prompt":"q1","discussed":true}"#, .core(.promptDiscussed(prompt: "q1", discussed: true))),
            (#"{"type":"prompt.add","id":1,"text":"Why?"}"#, .core(.promptAdd(text: "Why?", theme: nil))),
            (#"{"type":"note.get","id":1,"note":"n"}"#, .noteGet(note: "n")),
            (#"{"type":"note.cursor","id":1,"note":"n","rev":3,"anchor":1,"head":2}"#,
             .noteCursor(NoteCursorRequest(note: "n", rev: 3, anchor: 1, head: 2))),
            (#"{"type":"signal","id":1,"kind":"slower"}"#, .signal(.slower)),
        ]
        for (text, expected) in cases {
            let request = try decode(text).get()
            #expect(request.command == expected, "\(text)")
            #expect(request.id == 1)
        }
    }

    @Test func noteEditKeepsTheOpsOwnText() throws {
        let request = try decode(#"{"type":"note.edit","id":7,"note":"n","rev":0,"opId":"a1","op":["h\u00e9"]}"#).get()
        guard case .noteEdit(let edit) = request.command else { Issue.record("not a note.edit"); return }
        #expect(edit.op.json == #"["hé"]"#)
        #expect(edit.opId == "a1")
    }

    @Test(arguments: [
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":["\ud800"]}"#, "lone surrogate"),
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":[0]}"#, "zero retain"),
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":[""]}"#, "empty insert"),
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":[1.5]}"#, "fraction"),
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":[true]}"#, "a boolean component"),
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":[null]}"#, "a null component"),
        (#"{"type":"note.edit","id":3,"note":"n","rev":0,"opId":"a","op":[{"a":1}]}"#, "an object component"),
    ])
    func badOpsAreInvalidOp(text: String, why: String) {
        let refusal = error(text)
        #expect(refusal?.code == .invalidOp, "\(why)")
        #expect(refusal?.id == 3)
    }

    @Test func wrongTypesNameTheField() {
        let refusal = error(#"{"type":"clock.extend","id":4,"seconds":"ten"}"#)
        #expect(refusal?.code == .badRequest)
        #expect(refusal?.message == "clock.extend needs 'seconds' as a number, got a string")
        #expect(refusal?.id == 4)
    }

    @Test(arguments: [
        #"{"type":"clock.extend","id":1}"#,
        #"{"type":"phase.goto","id":1,"index":1.5}"#,
        #"{"type":"phase.goto","id":1,"index":1e300}"#,
        #"{"type":"clock.extend","id":1,"seconds":1e999}"#,
        #"{"type":"hand.raise","id":1,"kind":"shout"}"#,
        #"{"type":"signal","id":1,"kind":"wave"}"#,
        #"{"type":"prompt.discussed","id":1,"prompt":"q","discussed":"yes"}"#,
        #"{"type":"round.start","id":1,"order":[1],"secondsEach":3}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":"a","op":"abc"}"#,
        #"{"type":"nope","id":1}"#,
        #"{"type":"hello","id":1,"token":"t"}"#,
        // Every other command with a required field missing or of the wrong kind.
        #"{"type":"floor.grant","id":1}"#,
        #"{"type":"floor.grant","id":1,"participant":"p","turnSec":"60"}"#,
        #"{"type":"floor.grant","id":1,"participant":7}"#,
        #"{"type":"floor.next","id":1,"turnSec":"x"}"#,
        #"{"type":"hand.raise","id":1}"#,
        #"{"type":"hand.raise","id":1,"kind":"contribution","participant":3}"#,
        #"{"type":"hand.lower","id":1}"#,
        #"{"type":"hand.lower","id":1,"participant":["p"]}"#,
        #"{"type":"round.start","id":1}"#,
        #"{"type":"prompt.show","id":1}"#,
        #"{"type":"prompt.discussed","id":1,"prompt":"q"}"#,
        #"{"type":"prompt.add","id":1}"#,
        #"{"type":"prompt.add","id":1,"text":"Why?","theme":5}"#,
        #"{"type":"note.get","id":1}"#,
        #"{"type":"note.cursor","id":1,"note":"n","rev":"0","anchor":0,"head":0}"#,
        #"{"type":"note.cursor","id":1,"note":"n","rev":0,"anchor":0}"#,
        #"{"type":"note.edit","id":1,"rev":0,"opId":"a","op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","opId":"a","op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":"","op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":"a"}"#,
        #"{"type":"signal","id":1}"#,
        // Each remaining field of the wrong kind (a malformed-input audit found no test sending them).
        #"{"type":"hand.raise","id":1,"kind":5}"#,
        #"{"type":"signal","id":1,"kind":5}"#,
        #"{"type":"prompt.show","id":1,"prompt":5}"#,
        #"{"type":"prompt.add","id":1,"text":5}"#,
        #"{"type":"note.get","id":1,"note":5}"#,
        #"{"type":"note.cursor","id":1,"rev":0,"anchor":0,"head":0}"#,
        #"{"type":"note.cursor","id":1,"note":"n","rev":0,"anchor":"0","head":0}"#,
        #"{"type":"note.edit","id":1,"note":5,"rev":0,"opId":"a","op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":"0","opId":"a","op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0.5,"opId":"a","op":["x"]}"#,
        #"{"type":"round.start","id":1,"order":"abc","secondsEach":30}"#,
        #"{"type":"round.start","id":1,"secondsEach":"30"}"#,
        #"{"type":"clock.extend","id":1,"seconds":30,"phase":"1"}"#,
        #"{"type":"phase.next","id":1,"phase":0.5}"#,
        #"{"type":"phase.goto","id":1,"index":2,"phase":"1"}"#,
    ])
    func malformedFieldsAreBadRequestsWithTheirID(text: String) {
        let refusal = error(text)
        #expect(refusal?.code == .badRequest)
        #expect(refusal?.id == 1)
    }

    /// Valid JSON nested past the parser's 32 levels is refused for its depth, not called
    /// invalid (each error's message says what was wrong with this input: PROTOCOL.md §3.4).
    @Test func tooDeepIsNotCalledInvalid() {
        let text = #"{"type":"ping","id":1,"x":"# + String(repeating: "[", count: 33) + String(repeating: "]", count: 33) + "}"
        let refusal = error(text)
        #expect(refusal?.code == .badRequest)
        #expect(refusal?.message.contains("nests deeper than 32 levels") == true, "\(String(describing: refusal))")
        #expect(refusal?.message.contains("not valid JSON") == false, "\(String(describing: refusal))")
    }

    @Test(arguments: ["not json", "[1,2]", #"{"type":"ping"}"#, #"{"type":"ping","id":"1"}"#, #"{"type":"ping","id":1.5}"#,
                      #"{"id":null}"#, String(repeating: "[", count: 5000)])
    func unreadableIDsGiveNull(text: String) {
        let refusal = error(text)
        #expect(refusal?.code == .badRequest)
        #expect(refusal?.id == nil)
    }

    @Test(arguments: [#"\ud800"#, #"\uDC00"#, #"a\ud83d"#, #"\ud83d\u0041"#, #"\ud83d\ud83d\ude00"#])
    func anOpIdWithALoneSurrogateIsRefusedNamingIt(_ literal: String) {
        let refusal = error(#"{"type":"note.edit","id":4,"note":"n","rev":0,"opId":""# + literal + #"","op":["x"]}"#)
        #expect(refusal?.code == .badRequest)
        #expect(refusal?.id == 4)
        #expect(refusal?.message.contains("lone surrogate") == true)
    }

    @Test(arguments: [
        (#"{"type":"prompt.add","id":5,"text":"a\ud800b"}"#, "prompt.add 'text' holds a lone surrogate (\\uD800)"),
        (#"{"type":"prompt.add","id":5,"text":"Why?","theme":"\udc00"}"#, "prompt.add 'theme' holds a lone surrogate (\\uDC00)"),
        (#"{"type":"round.start","id":5,"secondsEach":9,"order":["p1","\ud83d"]}"#, "round.start 'order' element 1 holds"),
        (#"{"type":"note.get","id":5,"note":"n\ud800"}"#, "note.get 'note' holds a lone surrogate"),
    ])
    func aCommandsStringWithALoneSurrogateIsRefusedNamingTheField(text: String, says: String) {
        let refusal = error(text)
        #expect(refusal?.code == .badRequest)
        #expect(refusal?.id == 5)
        #expect(refusal?.message.hasPrefix(says) == true, "\(refusal?.message ?? "")")
    }

    @Test func aHellosTokenIsReadAsTheParserReadsIt() throws {
        let hello = try ClientMessageDecoder.hello(Array(#"{"type":"hello","token":"t\ud800"}"#.utf8))
        #expect(hello.credential == .invite(token: "t\u{FFFD}"))
    }

    @Test(arguments: [(#"\ud83d\ude00"#, "\u{1F600}"), (#"\ufffd"#, "\u{FFFD}"), (#"\\ud800"#, #"\ud800"#),
                      (#"a\"\u0041"#, #"a"A"#)])
    func anOpIdOfValidUnicodeIsKept(_ literal: String, _ expected: String) throws {
        let request = try decode(#"{"type":"note.edit","id":4,"note":"n","rev":0,"opId":""# + literal + #"","op":["x"]}"#).get()
        guard case .noteEdit(let edit) = request.command else { Issue.record("not a note.edit"); return }
        #expect(edit.opId == expected)
    }

    @Test func anIntegerOpIdIsKeptApartFromTheStringOfItsDigits() throws {
        func opId(_ json: String) throws -> String? {
            let request = try decode(#"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":"# + json + #","op":["x"]}"#).get()
            guard case .noteEdit(let edit) = request.command else { return nil }
            return edit.opId
        }
        let integer = try #require(try opId("7"))
        let string = try #require(try opId(#""7""#))
        #expect(integer != string)
        #expect(string == "7")
        #expect(OpIDText.integerValue(of: integer) == 7)
        #expect(OpIDText.integerValue(of: try #require(try opId("-12"))) == -12)
        #expect(try opId("7.0") == integer, "a whole number written with a fraction is that integer")
        #expect(ServerMessages.opIdJSON(integer) == "7")
        #expect(ServerMessages.opIdJSON(string) == #""7""#)
    }

    @Test(arguments: [
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":"\uffff7","op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":7.5,"op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":1e300,"op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":true,"op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":"\#(String(repeating: "a", count: 201))","op":["x"]}"#,
    ])
    func opIdsThatCouldCollideOrAreNoIntegerAreBadRequests(text: String) {
        let refusal = error(text)
        #expect(refusal?.code == .badRequest, "\(text)")
        #expect(refusal?.message.contains("opId") == true, "\(refusal?.message ?? "")")
        #expect(refusal?.id == 1)
    }

    @Test(arguments: [
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":null,"op":["x"]}"#,
        #"{"type":"note.edit","id":1,"note":"n","rev":0,"opId":["a"],"op":["x"]}"#,
    ])
    func aMissingOrIllTypedOpIdIsAskedForAsAStringOrAnInteger(text: String) {
        // Both are taken (an integer stays apart from the string of its digits), so both are named.
        let refusal = error(text)
        #expect(refusal?.code == .badRequest, "\(text)")
        #expect(refusal?.message.contains("'opId'") == true && refusal?.message.contains("a string or an integer") == true,
                "\(refusal?.message ?? "")")
    }

    @Test func helloShapes() throws {
        let invite = try ClientMessageDecoder.hello(Array(#"{"type":"hello","token":"t","resume":{"epoch":"e","after":57}}"#.utf8))
        #expect(invite.credential == .invite(token: "t"))
        #expect(invite.resume == ResumeRequest(epoch: "e", after: 57))
        let console = try ClientMessageDecoder.hello(Array(#"{"type":"hello","facilitatorToken":"f","session":"s"}"#.utf8))
        #expect(console.credential == .facilitator(token: "f", session: "s"))
        for bad in [#"{"type":"ping","id":1}"#, #"{"type":"hello"}"#, #"{"type":"hello","token":5}"#,
                    #"{"type":"hello","facilitatorToken":"f"}"#, #"{"type":"hello","token":"t","resume":[]}"#, "[]"] {
            #expect(throws: ProtocolError.self, "\(bad)") { try ClientMessageDecoder.hello(Array(bad.utf8)) }
        }
    }
}
