import Testing
@testable import WebSocketTransport

/// The pure decision behind answering a client's close frame (RFC 6455 §5.5.1, §7.4), and the
/// UTF-8 check that replaced lws' `LWS_SERVER_OPTION_VALIDATE_UTF8`.
@Suite("Peer close check")
struct PeerCloseCheckTests {
    private func refusal(_ bytes: [UInt8]) -> PeerCloseCheck.Refusal? {
        bytes.withUnsafeBytes { PeerCloseCheck.refusal(of: $0) }
    }

    private func close(_ code: UInt16, _ reason: [UInt8] = []) -> [UInt8] {
        [UInt8(code >> 8), UInt8(code & 0xff)] + reason
    }

    @Test func anEmptyCloseOrOneWithASendableCodeAndUTF8ReasonIsEchoed() {
        #expect(refusal([]) == nil)
        for code: UInt16 in [1000, 1001, 1003, 1007, 1011, 3000, 4000, 4999] {
            #expect(refusal(close(code, Array("bye é".utf8))) == nil, "code \(code)")
        }
    }

    @Test func aOneBytePayloadIs1002() {
        #expect(refusal([0x03])?.code == 1002)
    }

    @Test func reservedAndUndefinedCodesAre1002() {
        for code: UInt16 in [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535] {
            #expect(refusal(close(code))?.code == 1002, "code \(code)")
        }
    }

    @Test func aReasonThatIsNotUTF8Is1007() {
        #expect(refusal(close(1000, [0x62, 0xff, 0xfe])) == PeerCloseCheck.Refusal(code: 1007, reason: "the close reason is not UTF-8"))
        #expect(refusal(close(1000, [0xe2, 0x82]))?.code == 1007)  // a character cut short
    }

    @Test func utf8ValidationRejectsOverlongsSurrogatesAndCodePointsPastTheLast() {
        func valid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBytes(UTF8Validation.isValid) }
        #expect(valid(Array("{\"text\":\"naïve – 日本 🎉\"}".utf8)))
        #expect(valid([]))
        #expect(!valid([0xc0, 0xaf]))              // overlong "/"
        #expect(!valid([0xed, 0xa0, 0x80]))        // a UTF-16 surrogate
        #expect(!valid([0xf4, 0x90, 0x80, 0x80]))  // past U+10FFFF
        #expect(!valid(Array("ok".utf8) + [0x80])) // a stray continuation byte
    }
}
