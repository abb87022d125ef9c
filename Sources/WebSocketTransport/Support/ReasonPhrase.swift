/// The reason phrases lws 4.1.6 leaves out of an HTTP/1 status line: it names only 100, 200,
/// 304, the other 3xx ("Redirect"), 400–417 and 500–505, so a 201 went out as `HTTP/1.1 201 `.
/// RFC 9110 lets a client ignore the phrase, but a person reading `curl -i`, a proxy's log or a
/// browser's network panel expects one.
enum ReasonPhrase {
    /// The phrase for `status` when lws writes none, or nil.
    static func missingFromLWS(_ status: Int) -> String? {
        switch status {
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        default: nil
        }
    }

    /// Puts `status`'s phrase into the HTTP/1 status line that starts at `line` and that lws
    /// wrote without one (it ends `NNN \r\n`), moving what follows it up to `cursor` along and
    /// advancing `cursor`. Leaves everything as it is for an HTTP/2 header block (binary, no
    /// status line), a line that has a phrase, a status lws names, or too little room before
    /// `end`; false only when the phrase was due and did not fit.
    static func fill(status: Int, line: UnsafeMutablePointer<UInt8>, cursor: inout UnsafeMutablePointer<UInt8>?,
                     end: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let phrase = missingFromLWS(status), let current = cursor else { return true }
        let written = UnsafeBufferPointer(start: line, count: current - line)
        guard written.starts(with: "HTTP/1.".utf8),
              let lineEnd = (0..<max(written.count - 1, 0)).first(where: { written[$0] == 13 && written[$0 + 1] == 10 }),
              lineEnd > 0, written[lineEnd - 1] == UInt8(ascii: " ") else { return true }
        let bytes = Array(phrase.utf8)
        guard end - current >= bytes.count else { return false }
        (line + lineEnd + bytes.count).update(from: line + lineEnd, count: written.count - lineEnd)
        (line + lineEnd).update(from: bytes, count: bytes.count)
        cursor = current + bytes.count
        return true
    }
}
