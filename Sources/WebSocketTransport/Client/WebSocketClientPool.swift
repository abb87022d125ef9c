import Foundation
import LockedValue

/// Many WebSocket client connections driven by one libwebsockets service thread: the benchmark
/// driver's load generator, and (one pool shared by the whole test process) the transport under
/// the tests' `ProtocolClient`.
///
/// Thread-safe: `connect`, `send`, `close` and `drop` may be called from any task; they queue a
/// command and wake the service thread, which alone touches libwebsockets. Every event of
/// every connection goes to the one `onEvent` handler, called on the service thread in
/// arrival order — one consumer for thousands of simulated clients, instead of a task each.
/// The handler must return at once (queue the event). `onPass`, called on the same thread after
/// each pass of the event loop, is where a consumer that queues events wakes its reader: once
/// per pass rather than once per event.
public final class WebSocketClientPool: Sendable {
    private let core: ClientServiceCore
    private let nextID = Locked<UInt64>(1)
    /// Whether sends are stamped for ``takeSendWaits()``.
    private let timesSends: Bool

    /// Starts the service thread; `onEvent` receives every connection's events and `onPass`
    /// runs after each pass of its event loop.
    /// - Parameters:
    ///   - maxMessageBytes: larger inbound messages close the connection.
    ///   - trustedCertificatesFile: a PEM file of CA certificates; set, the pool sets up TLS and can
    ///     reach targets with ``WebSocketClientTarget/tls`` (their certificates verified against it).
    ///     Without it a TLS target fails to connect. lws 4.1.6 takes a new process-wide OpenSSL
    ///     ex_data index whenever a TLS context is created, so a handshake in flight while another
    ///     TLS context (a pool or a server) is created in the same process can fail.
    ///   - timesSends: stamp every message sent and keep how long each waited for the service
    ///     thread to write it, for ``takeSendWaits()`` (a load driver's own queue). Off by default:
    ///     the waits are kept until taken.
    public init(maxMessageBytes: Int = 1 << 20, subprotocol: String = "reviewroom.v1",
                trustedCertificatesFile: String? = nil, timesSends: Bool = false,
                onEvent: @escaping @Sendable (WebSocketClientEvent) -> Void,
                onPass: @escaping @Sendable () -> Void = {}) async throws {
        self.timesSends = timesSends
        let core = ClientServiceCore(maxMessageBytes: maxMessageBytes, trustedCertificatesFile: trustedCertificatesFile,
                                     onEvent: onEvent, onPass: onPass)
        self.core = core
        let failure: TransportError? = await withCheckedContinuation { continuation in
            let thread = Thread { core.run(subprotocol: subprotocol, started: { continuation.resume(returning: $0) }) }
            thread.name = "lws-client"
            thread.start()
        }
        if let failure { throw failure }
    }

    /// Opens a connection to `target`; its events arrive at the handler under the returned id.
    public func connect(to target: WebSocketClientTarget) -> ConnectionID {
        let id = makeConnectionID()
        connect(id, to: target)
        return id
    }

    /// A fresh id for ``connect(_:to:)``: lets a caller file the id where its handler will look
    /// it up before any event for it can arrive.
    public func makeConnectionID() -> ConnectionID {
        ConnectionID(rawValue: nextID.withLock { n in defer { n += 1 }; return n })
    }

    /// Opens a connection to `target` under `id`, which must come from ``makeConnectionID()``
    /// and not have been used yet. A stopped pool reports `.failed` before this returns.
    public func connect(_ id: ConnectionID, to target: WebSocketClientTarget) {
        if !core.mailbox.post(.connect(id, target)) {
            core.onEvent(.failed(id, reason: "the client pool is stopped"))
        }
    }

    /// Queues a text message; false if the pool is stopped.
    @discardableResult
    public func send(_ text: String, on id: ConnectionID) -> Bool {
        var bytes = [UInt8](repeating: 0, count: WebSocketClientPool.headroom)
        bytes.append(contentsOf: text.utf8)
        return core.mailbox.post(.send(id, bytes, queuedAt: stamp()))
    }

    /// Queues several text messages together: the service thread takes them in the same pass of
    /// its event loop and writes them back to back, one frame each; false if the pool is stopped.
    @discardableResult
    public func send(contentsOf texts: [String], on id: ConnectionID) -> Bool {
        let queuedAt = stamp()
        return core.mailbox.post(contentsOf: texts.map { text in
            var bytes = [UInt8](repeating: 0, count: WebSocketClientPool.headroom)
            bytes.append(contentsOf: text.utf8)
            return .send(id, bytes, queuedAt: queuedAt)
        })
    }

    /// How long each message sent since the last call waited, in nanoseconds, from ``send(_:on:)``
    /// to the service thread writing it (in write order); empty unless the pool `timesSends`.
    public func takeSendWaits() -> [UInt64] {
        core.sendWaits.withLock { waits in
            defer { waits.removeAll() }
            return waits
        }
    }

    /// Now on the monotonic clock when sends are timed, else 0.
    private func stamp() -> UInt64 {
        timesSends ? MonotonicClock.nanoseconds() : 0
    }

    /// Sends a close frame (1000) after what is queued.
    public func close(_ id: ConnectionID) {
        core.mailbox.post(.close(id))
    }

    /// Kills the connection at once on the service thread, without the WebSocket close
    /// handshake: no close frame is sent and what is still queued is discarded, so the server
    /// sees the TCP connection end as on a lost network. The connection is then reported
    /// `.closed` with no code. Unknown or already closed ids are ignored.
    public func drop(_ id: ConnectionID) {
        core.mailbox.post(.drop(id))
    }

    /// Stops the service thread; open connections are dropped and reported closed.
    public func stop() {
        core.mailbox.post(.stop)
    }

    /// `LWS_PRE`, kept in front of every queued message.
    static var headroom: Int { ClientHeadroom.bytes }
}
