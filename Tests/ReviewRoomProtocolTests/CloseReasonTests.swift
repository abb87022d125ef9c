import ReviewRoomProtocol
import Testing

@Suite("Close reasons fit a close frame")
struct CloseReasonTests {
    @Test(arguments: ["", "hello needs 'token'", String(repeating: "a", count: 123)])
    func aShortReasonIsKeptWhole(text: String) {
        #expect(CloseReason.fitting(text) == text)
    }

    @Test func aLongASCIIReasonIsCutTo123Bytes() {
        let text = String(repeating: "abc", count: 60)
        let reason = CloseReason.fitting(text)
        #expect(reason.utf8.count == 123)
        #expect(text.hasPrefix(reason))
    }

    @Test(arguments: [
        // Two-byte "é" across the limit: 122 ASCII bytes then "é" (bytes 123–124).
        (String(repeating: "x", count: 122) + "é" + "yz", 122),
        // A four-byte emoji straddling the limit.
        (String(repeating: "x", count: 121) + "🙂" + "z", 121),
        // A flag (two scalars, one character) that would fit only in half.
        (String(repeating: "x", count: 117) + "🇬🇧" + "z", 117),
        // "e" + combining acute accent: one character of three bytes.
        (String(repeating: "x", count: 121) + "e\u{301}" + "z", 121),
    ])
    func aReasonIsCutAtACharacterBoundary(text: String, keptBytes: Int) {
        let reason = CloseReason.fitting(text)
        #expect(reason.utf8.count == keptBytes)
        #expect(reason.utf8.count <= CloseReason.maxBytes)
        #expect(text.hasPrefix(reason))
        #expect(reason.allSatisfy { $0 == "x" })
    }
}
