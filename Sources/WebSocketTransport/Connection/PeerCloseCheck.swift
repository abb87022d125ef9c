/// What the server answers to a close frame its peer sent (RFC 6455 §5.5.1, §7.1.5, §7.4),
/// judged from the payload libwebsockets 4.1.6 hands to `WS_PEER_INITIATED_CLOSE`.
///
/// lws echoes every close it is not told otherwise about. Before the callback it has already
/// replaced a code below 1000, 1004–1006, 1012–1015 and 1016–2999 by 1002; it echoes a 1-byte
/// payload (as an empty close), a code of 5000 or more and, without
/// `LWS_SERVER_OPTION_VALIDATE_UTF8` (which the server leaves off, see ``UTF8Validation``), a
/// reason that is not UTF-8. Those are refused here.
enum PeerCloseCheck {
    /// The close the server sends instead of the echo.
    struct Refusal: Equatable {
        /// 1002 (protocol error) or 1007 (invalid payload).
        let code: UInt16
        /// Says what was wrong with the peer's close.
        let reason: String
    }

    /// The refusal for a malformed close payload, or nil to echo it (an empty payload, or a
    /// code a peer may send followed by a UTF-8 reason).
    static func refusal(of payload: UnsafeRawBufferPointer) -> Refusal? {
        guard payload.count >= 2 else {
            return payload.isEmpty ? nil : Refusal(code: 1002, reason: "a close payload of 1 byte: a close code takes 2")
        }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard mayBeSent(code) else { return Refusal(code: 1002, reason: "close code \(code) must not be sent") }
        guard UTF8Validation.isValid(UnsafeRawBufferPointer(rebasing: payload[2...])) else {
            return Refusal(code: 1007, reason: "the close reason is not UTF-8")
        }
        return nil
    }

    /// Whether a peer may send `code` in a close frame: the codes RFC 6455 §7.4.1 and the IANA
    /// registry define for sending (1000–1003, 1007–1014), and 3000–4999 (libraries and
    /// applications). 1004–1006 and 1015 are reserved, the rest are undefined.
    static func mayBeSent(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }
}
