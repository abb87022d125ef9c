import CLibWebSockets
import Foundation
import LockedValue

/// Owns the client lws context and every client connection; runs on one service thread.
final class ClientServiceCore: @unchecked Sendable {
    // @unchecked Sendable is sound: `mailbox`, `onEvent` and `onPass` are immutable and thread-safe;
    // every `var` (context, protocol table, connections, stop flag) is only read and written
    // on the service thread, in `run()` and the lws callbacks it drives (LWS_MAX_SMP = 1).
    let mailbox = ClientMailbox()
    let onEvent: @Sendable (WebSocketClientEvent) -> Void
    /// Called on the service thread after each pass of the event loop.
    let onPass: @Sendable () -> Void
    private let maxMessageBytes: Int
    private let trustedCertificatesFile: String?

    var context: OpaquePointer?
    /// Every connection's `retry_and_idle_policy`: no lws validity timers (each insert into
    /// lws's sorted timer list walks it, O(connections) per connection opened or pinged).
    let validityOff = ValidityTimersOff()
    private var protocols: UnsafeMutablePointer<lws_protocols>?
    private var protocolName: UnsafeMutablePointer<CChar>?
    var connections: [UInt64: ClientConnectionState] = [:]
    private var stopping = false
    /// How long each timed message waited from being queued to being written, ns (written on the
    /// service thread, taken by ``WebSocketClientPool/takeSendWaits()``).
    let sendWaits = Locked<[UInt64]>([])

    init(maxMessageBytes: Int, trustedCertificatesFile: String?, onEvent: @escaping @Sendable (WebSocketClientEvent) -> Void,
         onPass: @escaping @Sendable () -> Void) {
        self.maxMessageBytes = maxMessageBytes
        self.trustedCertificatesFile = trustedCertificatesFile
        self.onEvent = onEvent
        self.onPass = onPass
    }

    /// The service thread's body: create the context, service until stopped, destroy it.
    func run(subprotocol: String, started: @Sendable (TransportError?) -> Void) {
        ThreadName.set("rr-lws-client")
        protocolName = strdup(subprotocol)
        let table = UnsafeMutablePointer<lws_protocols>.allocate(capacity: 2)
        table.initialize(repeating: lws_protocols(), count: 2)
        table[0].name = UnsafePointer(protocolName)
        table[0].callback = reviewroomClientProtocolCallback
        table[0].rx_buffer_size = 64 * 1024
        protocols = table
        defer {
            table.deinitialize(count: 2)
            table.deallocate()
            free(protocolName)
        }
        // Process-wide in lws: a client-only process (the bench driver) wants errors only.
        lws_set_log_level(LLL_ERR | LLL_WARN, nil)
        var info = lws_context_creation_info()
        info.port = CONTEXT_PORT_NO_LISTEN
        info.protocols = UnsafePointer(table)
        info.user = Unmanaged.passUnretained(self).toOpaque()
        info.options = UInt64(LWS_SERVER_OPTION_VALIDATE_UTF8)
        info.timeout_secs = 30
        // The client SSL_CTX is made with the context's vhost, only when TLS is asked for.
        let caFile = trustedCertificatesFile.flatMap { strdup($0) }
        defer { free(caFile) }
        if let caFile {
            info.options |= UInt64(LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT)
            info.client_ssl_ca_filepath = UnsafePointer(caFile)
        }
        let loop: EpollLoop
        do {
            loop = try EpollLoop()
        } catch {
            started(error)
            return
        }
        defer { loop.destroy() }
        loop.attach(to: &info)
        guard let created = lws_create_context(&info) else {
            started(TransportError(.startFailed, "libwebsockets could not create a client context"))
            return
        }
        context = created
        mailbox.open(context: created)
        loop.startTimerKick(for: created)
        started(nil)
        while !stopping {
            loop.runOnce()
            onPass()
        }
        mailbox.close()
        loop.stopTimerKick()
        lws_context_destroy(created)
        context = nil
        for connection in connections.values { onEvent(.closed(connection.id, code: connection.peerCloseCode)) }
        connections.removeAll()
    }

    /// Carries out every queued command (on `EVENT_WAIT_CANCELLED`).
    func drainMailbox() {
        for command in mailbox.drain() {
            switch command {
            case .connect(let id, let target):
                connect(id, target)
            case .send(let id, let bytes, let queuedAt):
                guard let connection = connections[id.rawValue] else { continue }
                connection.outbox.append((bytes, queuedAt))
                guard connection.established, let wsi = connection.wsi else { continue }
                if connection.outbox.count == 1, lws_partial_buffered(wsi) == 0 {
                    writeNow(connection, wsi)
                } else {
                    lws_callback_on_writable(wsi)
                }
            case .close(let id):
                guard let connection = connections[id.rawValue] else { continue }
                connection.closeRequested = true
                if let wsi = connection.wsi { lws_callback_on_writable(wsi) }
            case .drop(let id):
                // A timeout kill marks the socket permanently unusable, so lws closes it without
                // the WebSocket close handshake (lws 4.1.6, core-net/wsi-timeout.c and close.c).
                guard let wsi = connections[id.rawValue]?.wsi else { continue }
                lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
            case .stop:
                stopping = true
            }
        }
    }

    private func connect(_ id: ConnectionID, _ target: WebSocketClientTarget) {
        guard let context else { return }
        let connection = ClientConnectionState(id: id)
        connections[id.rawValue] = connection
        var info = lws_client_connect_info()
        info.context = context
        info.port = Int32(target.port)
        info.ietf_version_or_minus_one = -1
        info.retry_and_idle_policy = UnsafePointer(validityOff.pointer)
        // The id rides in the wsi's opaque pointer: callbacks can come before this call returns.
        info.opaque_user_data = UnsafeMutableRawPointer(bitPattern: UInt(id.rawValue))
        if target.tls { info.ssl_connection = Int32(LCCSCF_USE_SSL.rawValue) }
        let hostAndPort = "\(target.serverName ?? target.host):\(target.port)"
        let wsi = target.host.withCString { host in
            hostAndPort.withCString { hostHeader in
                target.path.withCString { path in
                    target.subprotocol.withCString { subprotocol -> OpaquePointer? in
                        info.address = host
                        info.host = hostHeader
                        info.path = path
                        info.protocol = subprotocol
                        return lws_client_connect_via_info(&info)
                    }
                }
            }
        }
        if let wsi {
            if connections[id.rawValue] != nil { connection.wsi = wsi }
        } else if connections.removeValue(forKey: id.rawValue) != nil {
            onEvent(.failed(id, reason: "lws_client_connect_via_info refused \(hostAndPort)\(target.path)"))
        }
    }

    /// The connection behind a wsi's opaque pointer.
    func connection(of wsi: OpaquePointer) -> ClientConnectionState? {
        guard let raw = lws_get_opaque_user_data(wsi) else { return nil }
        return connections[UInt64(UInt(bitPattern: raw))]
    }

    /// `CLIENT_ESTABLISHED`.
    func established(_ wsi: OpaquePointer) {
        guard let connection = connection(of: wsi) else { return }
        connection.wsi = wsi
        connection.established = true
        onEvent(.opened(connection.id))
        if !connection.outbox.isEmpty || connection.closeRequested { lws_callback_on_writable(wsi) }
    }

    /// `CLIENT_RECEIVE`: one chunk; a whole message is stamped and handed over.
    func received(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        guard let connection = connection(of: wsi) else { return -1 }
        let isFinal = lws_is_final_fragment(wsi) != 0 && lws_remaining_packet_payload(wsi) == 0
        let chunk = UnsafeRawBufferPointer(start: input, count: input == nil ? 0 : length)
        switch connection.assembler.append(chunk, isFinal: isFinal, limit: maxMessageBytes) {
        case .incomplete:
            return 0
        case .tooBig, .draining:
            return -1
        case .complete(let bytes):
            onEvent(.text(connection.id, bytes, receivedAt: MonotonicClock.nanoseconds()))
            return 0
        }
    }

    /// Writes the one queued message of an idle connection straight from the mailbox, as the
    /// server's direct flush does: arming `CLIENT_WRITEABLE` for it cost two `epoll_ctl` calls and
    /// a loop pass per message. lws buffers a partial send itself and asks for `WRITEABLE`.
    private func writeNow(_ connection: ClientConnectionState, _ wsi: OpaquePointer) {
        guard let (bytes, queuedAt) = connection.outbox.popFirst() else { return }
        var frame = bytes
        noteSendWait(since: queuedAt)
        if !write(&frame, to: wsi) {
            // Outside its callbacks a broken connection is closed by timeout, at once.
            lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
        }
    }

    /// `CLIENT_WRITEABLE`: writes queued messages while the socket takes them.
    func writeable(_ wsi: OpaquePointer) -> Int32 {
        guard let connection = connection(of: wsi) else { return -1 }
        while lws_send_pipe_choked(wsi) == 0 {
            guard let (bytes, queuedAt) = connection.outbox.popFirst() else {
                if connection.closeRequested {
                    lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL, nil, 0)
                    return -1
                }
                return 0
            }
            var frame = bytes
            noteSendWait(since: queuedAt)
            if !write(&frame, to: wsi) { return -1 }
        }
        lws_callback_on_writable(wsi)
        return 0
    }

    /// Records how long a timed message waited until now, when it is about to be written.
    private func noteSendWait(since queuedAt: UInt64) {
        guard queuedAt != 0 else { return }
        let now = MonotonicClock.nanoseconds()
        sendWaits.withLock { $0.append(now > queuedAt ? now - queuedAt : 0) }
    }

    /// Writes one message (its buffer starts with `LWS_PRE` bytes of headroom); false when lws
    /// reports the connection broken.
    private func write(_ frame: inout [UInt8], to wsi: OpaquePointer) -> Bool {
        let count = frame.count - reviewroom_lws_pre
        // lws masks client frames in place: the buffer is this connection's own copy.
        let written = frame.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return lws_write(wsi, base + reviewroom_lws_pre, count, LWS_WRITE_TEXT)
        }
        return written >= count
    }

    /// `WS_PEER_INITIATED_CLOSE`: remembers the peer's close code, 1005 for a close frame
    /// without one (RFC 6455 §7.1.5), so only a connection that ended without any close frame
    /// is reported with no code.
    func peerClosing(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) {
        guard let connection = connection(of: wsi) else { return }
        guard let input, length >= 2 else {
            connection.peerCloseCode = 1005
            return
        }
        let bytes = input.assumingMemoryBound(to: UInt8.self)
        connection.peerCloseCode = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
    }

    /// `CLIENT_CLOSED` or `CLIENT_CONNECTION_ERROR`: forget the connection and report it.
    func ended(_ wsi: OpaquePointer, error: String?) {
        guard let connection = connection(of: wsi) else { return }
        connections[connection.id.rawValue] = nil
        lws_set_opaque_user_data(wsi, nil)
        if let error, !connection.established {
            onEvent(.failed(connection.id, reason: error))
        } else {
            onEvent(.closed(connection.id, code: connection.peerCloseCode))
        }
    }

    /// Recovers the core inside lws callbacks.
    static func from(_ wsi: OpaquePointer?) -> ClientServiceCore? {
        guard let wsi, let context = lws_get_context(wsi), let user = lws_context_user(context) else { return nil }
        return Unmanaged<ClientServiceCore>.fromOpaque(user).takeUnretainedValue()
    }
}
