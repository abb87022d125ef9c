import Foundation

/// A minimal WebSocket client over a raw TCP socket, able to send what browsers never would
/// (binary, oversized, invalid UTF-8, odd fragments, garbage before the handshake) and to read
/// close codes exactly. ``ProtocolClient`` speaks over libwebsockets, which only sends
/// well-formed frames: tests of malformed input use this client instead.
///
/// Every read takes a timeout (via `poll`) so a test fails instead of hanging.
public final class RawWebSocketClient: Sendable {
    /// The underlying socket.
    public let socket: RawSocket
    /// The server's `101` response head.
    public let handshake: RawHTTPResponse

    private init(socket: RawSocket, handshake: RawHTTPResponse) {
        self.socket = socket
        self.handshake = handshake
    }

    /// Connects and upgrades; throws `.upgradeRefused` (with the status in the message) unless
    /// the server answers `101`. `receiveBufferBytes` shrinks the kernel receive buffer (a
    /// client meant to stall).
    public static func connect(host: String = "127.0.0.1", port: Int, path: String = "/ws",
                               subprotocol: String? = "reviewroom.v1", origin: String? = nil,
                               headers: [(String, String)] = [], receiveBufferBytes: Int? = nil,
                               timeout: Double = 30) throws -> RawWebSocketClient {
        let socket = try RawSocket(host: host, port: port, receiveBufferBytes: receiveBufferBytes)
        let response = try upgrade(socket: socket, host: host, port: port, path: path, subprotocol: subprotocol,
                                   origin: origin, headers: headers, timeout: timeout)
        guard response.status == 101 else {
            throw TestClientError(.upgradeRefused, "upgrade answered \(response.status)")
        }
        return RawWebSocketClient(socket: socket, handshake: response)
    }

    /// Attempts an upgrade and returns how the server answered: the response head, or nil
    /// when it closed the connection without answering. Never throws for a refusal.
    public static func attemptUpgrade(host: String = "127.0.0.1", port: Int, path: String = "/ws",
                                      subprotocol: String? = "reviewroom.v1", origin: String? = nil,
                                      timeout: Double = 30) throws -> RawHTTPResponse? {
        let socket = try RawSocket(host: host, port: port)
        defer { socket.close() }
        do {
            return try upgrade(socket: socket, host: host, port: port, path: path, subprotocol: subprotocol,
                               origin: origin, headers: [], timeout: timeout)
        } catch let error as TestClientError where error.code == .closed {
            return nil
        }
    }

    private static func upgrade(socket: RawSocket, host: String, port: Int, path: String, subprotocol: String?,
                                origin: String?, headers: [(String, String)], timeout: Double) throws -> RawHTTPResponse {
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        var head = "GET \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        head += "Sec-WebSocket-Key: \(key)\r\nSec-WebSocket-Version: 13\r\n"
        if let subprotocol { head += "Sec-WebSocket-Protocol: \(subprotocol)\r\n" }
        if let origin { head += "Origin: \(origin)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        try socket.write(Array(head.utf8))
        let bytes = try socket.read(through: Array("\r\n\r\n".utf8), timeout: timeout)
        let (status, responseHeaders) = try RawHTTPResponse.parseHead(Array(bytes.dropLast(4)))
        // A refusal carries a body (its length is announced); a 101 has none before the frames.
        var body: [UInt8] = []
        if status != 101, let length = responseHeaders["content-length"].flatMap({ Int($0) }), length > 0 {
            body = try socket.read(exactly: length, timeout: timeout)
        }
        return RawHTTPResponse(status: status, headers: responseHeaders, body: body)
    }

    /// Sends one frame, masked as a client must (pass `masked: false` to break the rule).
    public func send(_ frame: RawWebSocketFrame, masked: Bool = true) throws {
        let mask = masked ? (0..<4).map { _ in UInt8.random(in: 0...255) } : nil
        try socket.write(frame.encoded(mask: mask))
    }

    /// Sends a text message in one frame.
    public func sendText(_ text: String) throws {
        try send(RawWebSocketFrame(opcode: .text, payload: Array(text.utf8)))
    }

    /// Sends several text messages in one write, so that they reach the server together
    /// (pipelined, as a client does that sends its next command before the reply).
    public func sendTexts(_ texts: [String]) throws {
        var bytes: [UInt8] = []
        for text in texts {
            let mask = (0..<4).map { _ in UInt8.random(in: 0...255) }
            bytes += RawWebSocketFrame(opcode: .text, payload: Array(text.utf8)).encoded(mask: mask)
        }
        try socket.write(bytes)
    }

    /// Sends raw bytes as a text frame (e.g. invalid UTF-8).
    public func sendText(bytes: [UInt8]) throws {
        try send(RawWebSocketFrame(opcode: .text, payload: bytes))
    }

    /// Sends a binary frame.
    public func sendBinary(_ bytes: [UInt8]) throws {
        try send(RawWebSocketFrame(opcode: .binary, payload: bytes))
    }

    /// Sends `text` as a fragmented message of `pieces` frames.
    public func sendFragmented(_ text: String, pieces: Int) throws {
        let bytes = Array(text.utf8)
        let size = max(1, (bytes.count + pieces - 1) / max(1, pieces))
        var chunks = stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
        if chunks.isEmpty { chunks = [[]] }
        for (index, chunk) in chunks.enumerated() {
            try send(RawWebSocketFrame(fin: index == chunks.count - 1, opcode: index == 0 ? .text : .continuation,
                                       payload: chunk))
        }
    }

    /// Sends a close frame with `code` and `reason`.
    public func sendClose(code: UInt16 = 1000, reason: String = "") throws {
        try send(RawWebSocketFrame(opcode: .close, payload: [UInt8(code >> 8), UInt8(code & 0xff)] + Array(reason.utf8)))
    }

    /// Answers the server's close frame with its own code, as RFC 6455 §5.5.1 asks, unless the
    /// server has closed the connection already: it may once it has waited long enough for the
    /// answer (libwebsockets 5 s, a shutdown its deadline), which a client starved on a loaded
    /// machine can outlast. Then there is nobody to answer, and that is no failure.
    public func answerClose(_ close: RawWebSocketFrame) throws {
        do {
            try send(RawWebSocketFrame(opcode: .close, payload: close.payload))
        } catch let error as TestClientError where error.code == .closed {
            return
        }
    }

    /// Reads the next frame of any kind.
    public func readFrame(timeout: Double = 30) throws -> RawWebSocketFrame {
        let head = try socket.read(exactly: 2, timeout: timeout)
        guard let opcode = RawWebSocketFrame.Opcode(rawValue: head[0] & 0x0f) else {
            throw TestClientError(.malformed, "unknown opcode \(head[0] & 0x0f)")
        }
        var length = UInt64(head[1] & 0x7f)
        if length == 126 {
            let ext = try socket.read(exactly: 2, timeout: timeout)
            length = UInt64(ext[0]) << 8 | UInt64(ext[1])
        } else if length == 127 {
            length = try socket.read(exactly: 8, timeout: timeout).reduce(0) { $0 << 8 | UInt64($1) }
        }
        let mask = head[1] & 0x80 != 0 ? try socket.read(exactly: 4, timeout: timeout) : nil
        var payload = try socket.read(exactly: Int(length), timeout: timeout)
        if let mask { payload = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] } }
        return RawWebSocketFrame(fin: head[0] & 0x80 != 0, opcode: opcode, payload: payload)
    }

    /// Reads the next whole message: text (fragments joined) or the close frame. Pings are
    /// answered and skipped.
    public func readMessage(timeout: Double = 30) throws -> RawWebSocketFrame {
        // One deadline for the whole message: answered pings (the daemon pings a silent
        // connection every 20 s) must not restart the wait, or a wait for a close never ends.
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var message: RawWebSocketFrame?
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw TestClientError(.timedOut, "no whole message arrived within \(timeout) s") }
            let frame = try readFrame(timeout: Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
            switch frame.opcode {
            case .ping:
                try send(RawWebSocketFrame(opcode: .pong, payload: frame.payload))
            case .pong:
                continue
            case .close:
                return frame
            case .continuation:
                guard message != nil else { throw TestClientError(.malformed, "continuation without a start") }
                message?.payload += frame.payload
                if frame.fin, let whole = message { return RawWebSocketFrame(opcode: whole.opcode, payload: whole.payload) }
            case .text, .binary:
                if frame.fin { return frame }
                message = frame
            }
        }
    }

    /// Reads the next text message as a string; throws if a close (or binary) frame comes instead.
    public func readText(timeout: Double = 30) throws -> String {
        let message = try readMessage(timeout: timeout)
        guard message.opcode == .text else {
            throw TestClientError(.malformed, "expected text, got \(message.opcode) code \(message.closeCode.map(String.init) ?? "-") \(message.closeReason)")
        }
        return String(decoding: message.payload, as: UTF8.self)
    }

    /// Skips messages until the close frame (within `timeout` in all); returns it and how many messages came before.
    public func readUntilClose(timeout: Double = 30) throws -> (close: RawWebSocketFrame, skipped: Int) {
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
        var skipped = 0
        while true {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw TestClientError(.timedOut, "no close frame arrived within \(timeout) s") }
            let message = try readMessage(timeout: Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18)
            if message.opcode == .close { return (message, skipped) }
            skipped += 1
        }
    }

    /// Closes the TCP connection without a close handshake.
    public func disconnect() { socket.close() }
}
