import LockedValue
import WebSocketTransport

/// The one libwebsockets client pool that every ``ProtocolClient`` of the test process shares,
/// and the registry that hands its events to the client owning each connection.
///
/// The pool starts on first use and runs until the process exits. It never sets up TLS: lws
/// 4.1.6 takes a process-wide OpenSSL ex_data index whenever a TLS context is created, which
/// can fail a TLS handshake that another test (`TLSTests`) has in flight.
final class ProtocolClientRouter: Sendable {
    /// What connecting came to: the first entry of a route's `handshake` log.
    enum Handshake: Sendable {
        /// The WebSocket handshake completed.
        case opened
        /// The connection failed or ended before opening; the reason says why.
        case failed(String)
    }

    /// Where one connection's events go.
    struct Route: Sendable {
        /// Every message and finally the close, in arrival order.
        let messages: AwaitableLog<ProtocolMessage>
        /// How connecting ended (its first entry counts).
        let handshake: AwaitableLog<Handshake>
    }

    /// The process-wide router.
    static let shared = ProtocolClientRouter()

    /// Large enough for a `note.get` of a note of a million UTF-16 units, as JSON.
    static let maxMessageBytes = 16 << 20

    private let routes = Locked<[ConnectionID: Route]>([:])
    private let starting = Locked<Task<WebSocketClientPool, any Error>?>(nil)

    private init() {}

    /// The shared pool, started by the first caller; later callers await the same start.
    func pool() async throws -> WebSocketClientPool {
        let start = starting.withLock { task in
            if let task { return task }
            let created = Task {
                try await WebSocketClientPool(maxMessageBytes: Self.maxMessageBytes, onEvent: { [self] event in route(event) })
            }
            task = created
            return created
        }
        do {
            return try await start.value
        } catch {
            throw TestClientError(.clientUnavailable, "the libwebsockets client pool did not start: \(error)")
        }
    }

    /// Files a route for `id` (before connecting, so that no event can miss it).
    func register(_ id: ConnectionID) -> Route {
        let route = Route(messages: AwaitableLog(name: "websocket messages of \(id)"),
                          handshake: AwaitableLog(name: "websocket handshake of \(id)"))
        routes.withLock { $0[id] = route }
        return route
    }

    /// Drops the route of a connection given up on; its later events are ignored.
    func forget(_ id: ConnectionID) {
        routes.withLock { $0[id] = nil }
    }

    /// Whether `id` has a route: it is connecting or open and has not ended.
    func isLive(_ id: ConnectionID) -> Bool {
        routes.withLock { $0[id] != nil }
    }

    /// The pool's event handler (on its service thread): appends to logs and returns.
    private func route(_ event: WebSocketClientEvent) {
        switch event {
        case .opened(let id):
            routes.withLock { $0[id] }?.handshake.append(.opened)
        case .text(let id, let bytes, _):
            routes.withLock { $0[id] }?.messages.append(ProtocolMessage(text: String(decoding: bytes, as: UTF8.self)))
        case .failed(let id, let reason):
            guard let route = routes.withLock({ $0.removeValue(forKey: id) }) else { return }
            route.handshake.append(.failed(reason))
            route.messages.finish()
        case .closed(let id, let code):
            guard let route = routes.withLock({ $0.removeValue(forKey: id) }) else { return }
            // Ignored when the handshake already completed: only its first entry counts.
            route.handshake.append(.failed("the connection closed during the handshake"))
            route.messages.append(ProtocolMessage(closeCode: code ?? 1006))
            route.messages.finish()
        }
    }
}
