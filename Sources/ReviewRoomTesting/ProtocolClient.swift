import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A protocol-level WebSocket client for tests: sends `hello` and commands (ids chosen
/// automatically) and awaits replies, events and ephemeral messages with timeouts that fail
/// the test (never sleeps). A reader thread logs every incoming message in order.
public final class ProtocolClient: Sendable {
    /// The raw connection.
    public let raw: RawWebSocketClient
    /// Everything received, in order.
    public let messages: AwaitableLog<ProtocolMessage>
    private let nextID = Mutex<Int64>(0)
    /// How long awaits wait before failing.
    public let timeout: Duration

    private init(raw: RawWebSocketClient, timeout: Duration) {
        self.raw = raw
        self.timeout = timeout
        messages = AwaitableLog(name: "websocket messages")
    }

    /// Connects to `/ws` on `port` and starts reading.
    public static func connect(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(20)) async throws -> ProtocolClient {
        let raw = try await RawBlocking.run { try RawWebSocketClient.connect(host: host, port: port, timeout: 20) }
        let client = ProtocolClient(raw: raw, timeout: timeout)
        client.startReading()
        return client
    }

    private func startReading() {
        let raw = raw, messages = messages
        let thread = Thread {
            var reader = ProtocolFrameReader(fd: raw.socket.fd)
            while true {
                guard let message = reader.next() else {
                    messages.append(ProtocolMessage(closeCode: 1006))
                    break
                }
                if message.opcode == 0x8 {
                    let code = message.payload.count >= 2 ? UInt16(message.payload[0]) << 8 | UInt16(message.payload[1]) : 1005
                    messages.append(ProtocolMessage(closeCode: code))
                    break
                }
                messages.append(ProtocolMessage(text: String(decoding: message.payload, as: UTF8.self)))
            }
            raw.disconnect()
            messages.finish()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Sends raw text.
    public func sendText(_ text: String) async throws {
        let raw = raw
        try await RawBlocking.run { try raw.sendText(text) }
    }

    /// Sends several text messages from one thread, back to back (for rate-limit tests).
    /// They go out in one write, so the server may close the connection while they arrive.
    public func sendTexts(_ texts: [String]) async throws {
        let raw = raw
        let bytes = texts.flatMap {
            RawWebSocketFrame(opcode: .text, payload: Array($0.utf8)).encoded(mask: [0x12, 0x34, 0x56, 0x78])
        }
        try await RawBlocking.run { try raw.socket.write(bytes) }
    }

    /// Sends a JSON object built from `fields`.
    public func sendJSON(_ fields: [String: Any]) async throws {
        let data = try JSONSerialization.data(withJSONObject: fields)
        try await sendText(String(decoding: data, as: UTF8.self))
    }

    /// Sends `hello` with an invite token (and `resume`), and returns the first reply
    /// (`welcome`, `resumed`, `error` or the close).
    public func hello(token: String, resume: (epoch: String, after: Int64)? = nil) async throws -> ProtocolMessage {
        var fields: [String: Any] = ["type": "hello", "token": token, "client": "reviewroom-tests/1"]
        if let resume { fields["resume"] = ["epoch": resume.epoch, "after": resume.after] }
        try await sendJSON(fields)
        return try await firstReply()
    }

    /// Sends a facilitator `hello` and returns the first reply.
    public func hello(facilitatorToken: String, session: String) async throws -> ProtocolMessage {
        try await sendJSON(["type": "hello", "facilitatorToken": facilitatorToken, "session": session])
        return try await firstReply()
    }

    private func firstReply() async throws -> ProtocolMessage {
        try await messages.first(where: { ["welcome", "resumed", "error", "close"].contains($0.type) }, timeout: timeout)
    }

    /// Sends command `type` with `fields` and a fresh id; returns the id.
    @discardableResult
    public func send(_ type: String, _ fields: [String: Any] = [:]) async throws -> Int64 {
        let id = nextID.withLock { $0 += 1; return $0 }
        var object = fields
        object["type"] = type
        object["id"] = id
        try await sendJSON(object)
        return id
    }

    /// Sends a command and awaits its `ack` or `error`.
    public func request(_ type: String, _ fields: [String: Any] = [:]) async throws -> ProtocolMessage {
        let id = try await send(type, fields)
        return try await reply(to: id)
    }

    /// The `ack` or `error` for `id`.
    public func reply(to id: Int64) async throws -> ProtocolMessage {
        try await messages.first(where: { ($0.type == "ack" || $0.type == "error") && $0.id == id }, timeout: timeout)
    }

    /// The first event named `name` (with seq after `after`).
    public func event(_ name: String, after: Int64 = 0) async throws -> ProtocolMessage {
        try await messages.first(where: { $0.type == "event" && $0.name == name && ($0.seq ?? 0) > after }, timeout: timeout)
    }

    /// The event with `seq`.
    public func event(seq: Int64) async throws -> ProtocolMessage {
        try await messages.first(where: { $0.type == "event" && $0.seq == seq }, timeout: timeout)
    }

    /// The first message of `type` matching `predicate`.
    public func message(_ type: String, where predicate: @escaping @Sendable (ProtocolMessage) -> Bool = { _ in true }) async throws -> ProtocolMessage {
        try await messages.first(where: { $0.type == type && predicate($0) }, timeout: timeout)
    }

    /// The close frame (or 1006 when the connection dropped without one).
    public func closed() async throws -> ProtocolMessage {
        try await messages.first(where: { $0.closeCode != nil }, timeout: timeout)
    }

    /// Every event received so far, in order.
    public var events: [ProtocolMessage] { messages.entries.filter { $0.type == "event" } }

    /// Drops the TCP connection. Only shuts the socket down: the reader thread, blocked in
    /// `recv`, then sees the end and closes the descriptor itself, so it can never read from
    /// a descriptor number the system has meanwhile given to another socket.
    public func disconnect() {
        _ = Glibc.shutdown(raw.socket.fd, Int32(SHUT_RDWR))
    }
}
