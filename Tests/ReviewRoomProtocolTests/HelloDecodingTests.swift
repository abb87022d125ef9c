import ReviewRoomProtocol
import Testing

@Suite("Hello decoding: resume.after and what a malformed hello says")
struct HelloDecodingTests {
    private func hello(_ text: String) -> Result<ClientHello, ProtocolError> {
        Result { () throws(ProtocolError) in try ClientMessageDecoder.hello(Array(text.utf8)) }
    }

    private func resume(after literal: String) -> Result<ClientHello, ProtocolError> {
        hello(#"{"type":"hello","token":"t","resume":{"epoch":"e","after":\#(literal)}}"#)
    }

    @Test(arguments: [
        ("57", 57), ("9007199254740993", 9_007_199_254_740_993), ("1e3", 1000), ("-1", -1),
        // Too large for any seq: beyond the current seq whatever it is (a fresh welcome).
        ("9223372036854775807", Int64.max), ("9223372036854775808", Int64.max), ("1000000000000000000000", Int64.max),
        ("1e20", Int64.max), ("1.0e300", Int64.max), ("1e999", Int64.max),
        // Too small for any seq: nothing to replay from either.
        ("-9223372036854775809", Int64.min), ("-1e30", Int64.min),
    ] as [(String, Int64)])
    func resumeAfterIsReadExactlyAndClampedBeyondInt64(literal: String, after: Int64) throws {
        let decoded = try resume(after: literal).get()
        #expect(decoded.resume == ResumeRequest(epoch: "e", after: after), "\(literal)")
    }

    @Test(arguments: [
        ("1.5", "hello resume needs 'after' as an integer, got 1.5"),
        ("1e-3", "hello resume needs 'after' as an integer, got 1e-3"),
        (#""7""#, "hello resume needs 'after' as an integer, got a string"),
        ("null", "hello resume needs 'after' (an integer)"),
    ])
    func aResumeAfterThatIsNoIntegerIsRefused(literal: String, message: String) {
        guard case .failure(let error) = resume(after: literal) else {
            Issue.record("after \(literal) was accepted")
            return
        }
        #expect(error == ProtocolError.badRequest(message, id: nil))
    }
}
