import ReviewRoomCore
import ReviewRoomProtocol
import Testing

@Suite("Decoding a command's type and id before its fields")
struct DecodedCommandTests {
    private func decode(_ text: String) throws(ProtocolError) -> DecodedCommand {
        try ClientMessageDecoder.decode(Array(text.utf8))
    }

    @Test(arguments: [
        (#"{"type":"clock.extend","id":5}"#, CommandName.clockExtend, ErrorCode.badRequest),
        (#"{"type":"clock.extend","id":5,"seconds":"x"}"#, .clockExtend, .badRequest),
        (#"{"type":"clock.extend","id":5,"seconds":30,"phase":1.5}"#, .clockExtend, .badRequest),
        (#"{"type":"clock.extend","id":5,"seconds":30,"phase":"1"}"#, .clockExtend, .badRequest),
        (#"{"type":"floor.release","id":5,"participant":7}"#, .floorRelease, .badRequest),
        (#"{"type":"phase.next","id":5,"phase":"2"}"#, .phaseNext, .badRequest),
        (#"{"type":"phase.prev","id":5,"phase":0.5}"#, .phasePrev, .badRequest),
        (#"{"type":"floor.next","id":5,"speaker":["p_a"]}"#, .floorNext, .badRequest),
        (#"{"type":"floor.next","id":5,"next":{"p":"p_a"}}"#, .floorNext, .badRequest),
        (#"{"type":"hand.raise","id":5,"kind":"bogus"}"#, .handRaise, .badRequest),
        (#"{"type":"note.edit","id":5,"note":"n","rev":0,"opId":"a","op":[0]}"#, .noteEdit, .invalidOp),
        (#"{"type":"note.get","id":5}"#, .noteGet, .badRequest),
    ])
    func aCommandWithBadFieldsKeepsItsNameAndID(text: String, name: CommandName, code: ErrorCode) throws {
        guard case .malformedFields(let decodedName, let error) = try decode(text) else {
            Issue.record("\(text) decoded whole")
            return
        }
        #expect(decodedName == name)
        #expect(error.code == code)
        #expect(error.id == 5)
        // `request` still throws that same error for callers that need no role check.
        #expect(throws: error) { try ClientMessageDecoder.request(Array(text.utf8)) }
    }

    @Test func aWholeCommandDecodes() throws {
        #expect(try decode(#"{"type":"clock.extend","id":5,"seconds":30}"#)
            == .request(ClientRequest(id: 5, command: .core(.clockExtend(seconds: 30)))))
    }

    @Test(arguments: [
        #"{"type":"no.such","id":5,"seconds":"x"}"#, #"{"id":5}"#, #"{"type":7,"id":5}"#,
        #"{"type":"clock.extend","seconds":"x"}"#, #"{"type":"clock.extend","id":1.5}"#, "[1]",
    ])
    func withoutAKnownTypeAndAnIDNothingIsDecoded(text: String) {
        #expect(throws: ProtocolError.self) { try decode(text) }
    }
}
