import Foundation
import LockedValue
import WebSocketTransport

/// A protocol-level WebSocket client for tests: sends `hello` and commands (ids chosen
/// automatically) and awaits replies, events and ephemeral messages with timeouts that fail
/// the test (never sleeps).
///
/// It speaks over the project's libwebsockets client (``WebSocketClientPool``): one pool, started
/// on first use, serves every `ProtocolClient` of the test process, and its service thread logs
/// each connection's incoming messages in order. libwebsockets only sends well-formed frames;
/// tests that must send malformed input (binary, invalid UTF-8, oversized or odd fragments,
/// garbage before the handshake) use ``RawWebSocketClient`` instead.
public final class ProtocolClient: Sendable {
    /// Everything received, in order; a close (1006 when the connection ended without a close
    /// frame) is the last entry.
    public let messages: AwaitableLog<ProtocolMessage>
    private let nextID = Locked<Int64>(0)
    /// How long awaits wait before failing.
    public let timeout: Duration
    private let pool: WebSocketClientPool
    private let connection: ConnectionID
    private let address: String

    private init(pool: WebSocketClientPool, connection: ConnectionID, messages: AwaitableLog<ProtocolMessage>,
                 address: String, timeout: Duration) {
        self.pool = pool
        self.connection = connection
        self.messages = messages
        self.address = address
        self.timeout = timeout
    }

    /// Connects to `/ws` on `port` with the `reviewroom.v1` subprotocol and returns once the
    /// WebSocket handshake has completed; throws ``TestClientError`` when it is refused or
    /// fails, or does not complete within `timeout`.
    public static func connect(host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(20)) async throws -> ProtocolClient {
        let router = ProtocolClientRouter.shared
        let pool = try await router.pool()
        let id = pool.makeConnectionID()
        let route = router.register(id)
        let address = "ws://\(host):\(port)/ws"
        pool.connect(id, to: WebSocketClientTarget(host: host, port: port))
        let outcome: ProtocolClientRouter.Handshake
        do {
            outcome = try await route.handshake.first(where: { _ in true }, timeout: timeout)
        } catch {
            router.forget(id)
            pool.drop(id)
            throw TestClientError(.timedOut, "\(address) did not complete the WebSocket handshake within \(timeout)")
        }
        if case .failed(let reason) = outcome {
            throw TestClientError(.connectFailed, "\(address) could not be opened: \(reason)")
        }
        return ProtocolClient(pool: pool, connection: id, messages: route.messages, address: address, timeout: timeout)
    }

    /// Sends one text message. Throws ``TestClientError`` with `.closed` once the connection
    /// has ended (its close is logged).
    public func sendText(_ text: String) async throws {
        try queue([text])
    }

    /// Sends several text messages back to back (for rate-limit tests): the client's service
    /// thread takes them in one pass of its event loop and writes them as fast as the socket
    /// takes them — one frame and one write each, not one system call — so the server may close
    /// the connection while they arrive.
    public func sendTexts(_ texts: [String]) async throws {
        try queue(texts)
    }

    private func queue(_ texts: [String]) throws {
        guard ProtocolClientRouter.shared.isLive(connection) else {
            throw TestClientError(.closed, "cannot send on \(address) (\(connection)): the connection has ended")
        }
        guard pool.send(contentsOf: texts, on: connection) else {
            throw TestClientError(.clientUnavailable, "cannot send on \(address): the libwebsockets client has stopped")
        }
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

    /// Drops the connection abruptly, as a lost network would: the TCP connection ends without
    /// a WebSocket close frame (see ``WebSocketClientPool/drop(_:)``), and a 1006 close is logged.
    /// Safe to call more than once.
    public func disconnect() {
        pool.drop(connection)
    }
}
