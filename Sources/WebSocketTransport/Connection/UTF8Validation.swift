/// Whether bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
/// past U+10FFFF), without making a `String`.
///
/// The transport checks every whole text message and every close reason itself, instead of
/// lws 4.1.6's `LWS_SERVER_OPTION_VALIDATE_UTF8`: lws checks a close reason before the
/// application sees the frame and then drops the connection without a close frame, where the
/// client is owed 1007 (RFC 6455 §8.1, PROTOCOL §3.4).
enum UTF8Validation {
    /// True when `bytes` are well-formed UTF-8. ASCII, most of every JSON message, is passed
    /// over a byte at a time; the stdlib's strict parser takes the rest.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return true }
        var iterator = bytes[first...].makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
