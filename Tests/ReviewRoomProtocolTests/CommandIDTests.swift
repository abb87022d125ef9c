import ReviewRoomProtocol
import Testing

@Suite("Command ids are read exactly")
struct CommandIDTests {
    private func decode(_ text: String) -> Result<ClientRequest, ProtocolError> {
        Result { () throws(ProtocolError) in try ClientMessageDecoder.request(Array(text.utf8)) }
    }

    @Test(arguments: [
        ("9007199254740993", 9_007_199_254_740_993), ("9223372036854775807", Int64.max),
        ("-9223372036854775808", Int64.min), ("1234567890123456789", 1_234_567_890_123_456_789),
        ("1.0", 1), ("1e3", 1000),
    ] as [(String, Int64)])
    func integerIDsAreReadFromTheirDigits(literal: String, id: Int64) throws {
        let request = try decode(#"{"type":"ping","id":\#(literal)}"#).get()
        #expect(request.id == id)
        // The ack carries the same digits (no trip through a double on the way out either).
        let ack = String(decoding: ServerMessages.ack(id: request.id, seq: 3), as: UTF8.self)
        #expect(ack.contains(#""id":\#(id),"#))
    }

    @Test(arguments: [
        ("9223372036854775808", "'id' must be an integer from -9223372036854775808 to 9223372036854775807, got 9223372036854775808"),
        ("-9223372036854775809", "'id' must be an integer from -9223372036854775808 to 9223372036854775807, got -9223372036854775809"),
        ("1e30", "'id' must be an integer from -9223372036854775808 to 9223372036854775807, got 1e30"),
        ("1.5", "'id' must be an integer, got 1.5"),
        ("1e-2", "'id' must be an integer, got 1e-2"),
    ])
    func idsThatAreNoInt64AreBadRequestsWithANullID(literal: String, message: String) throws {
        guard case .failure(let error) = decode(#"{"type":"hand.raise","kind":"contribution","id":\#(literal)}"#) else {
            Issue.record("\(literal) was accepted")
            return
        }
        #expect(error == ProtocolError.badRequest(message, id: nil))
    }

    @Test func aLongLiteralIsCutInTheMessage() throws {
        let literal = String(repeating: "9", count: 300)
        guard case .failure(let error) = decode(#"{"type":"ping","id":\#(literal)}"#) else {
            Issue.record("a 300-digit id was accepted")
            return
        }
        #expect(error.id == nil)
        #expect(error.message.hasSuffix(String(repeating: "9", count: 40) + "…"))
        #expect(error.message.utf8.count < 140)
    }

    @Test(arguments: [
        (#"{"type":"ping","id":9223372036854775807}"#, Int64.max as Int64?),
        (#"{"type":"ping","id":9007199254740993,"x":"#, nil),
        (#"{"type":"ping","id":1.5}"#, nil),
        (#"{"type":"ping","id":"7"}"#, nil),
        (#"{"type":"ping","id":-12}"#, -12),
    ])
    func aRefusedMessagesReadableIDIsExact(text: String, id: Int64?) {
        #expect(ClientMessageDecoder.readableID(Array(text.utf8)) == id)
    }
}
