import Testing
@testable import WebSocketTransport

/// The status line lws writes without a phrase gets one; nothing else lws wrote changes.
@Suite("Reason phrases lws leaves out")
struct ReasonPhraseTests {
    /// Runs ``ReasonPhrase/fill(status:line:cursor:end:)`` on `written` in a buffer of
    /// `capacity` bytes: what the buffer then holds up to the cursor, or nil when it said no room.
    private func filled(_ status: Int, _ written: String, capacity: Int = 256) -> String? {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let bytes = Array(written.utf8)
        buffer.initialize(from: bytes, count: bytes.count)
        var cursor: UnsafeMutablePointer<UInt8>? = buffer + bytes.count
        guard ReasonPhrase.fill(status: status, line: buffer, cursor: &cursor, end: buffer + capacity) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: buffer, count: cursor! - buffer), as: UTF8.self)
    }

    @Test func anEmptyPhraseIsFilledAndTheHeadersAfterItKept() {
        #expect(filled(201, "HTTP/1.1 201 \r\nreferrer-policy: no-referrer\r\n")
                == "HTTP/1.1 201 Created\r\nreferrer-policy: no-referrer\r\n")
        #expect(filled(204, "HTTP/1.0 204 \r\n") == "HTTP/1.0 204 No Content\r\n")
        #expect(filled(426, "HTTP/1.1 426 \r\nx: y\r\n") == "HTTP/1.1 426 Upgrade Required\r\nx: y\r\n")
    }

    @Test func whatLWSNamesOrAnHTTP2BlockIsLeftAsItIs() {
        #expect(filled(200, "HTTP/1.1 200 OK\r\n") == "HTTP/1.1 200 OK\r\n")
        #expect(filled(404, "HTTP/1.1 404 Not Found\r\n") == "HTTP/1.1 404 Not Found\r\n")
        // An HPACK block (":status" literal) has no status line to fill.
        #expect(filled(201, "\u{48}\u{03}201") == "\u{48}\u{03}201")
        #expect(filled(201, "") == "")
    }

    @Test func noRoomForThePhraseIsAFailureNotAnOverrun() {
        let line = "HTTP/1.1 201 \r\n"
        #expect(filled(201, line, capacity: line.utf8.count + 6) == nil)
        #expect(filled(201, line, capacity: line.utf8.count + 7) == "HTTP/1.1 201 Created\r\n")
    }
}
