import CLibWebSockets
import Foundation

// WebSocket connections on the service thread: upgrade policy, reassembly and limits,
// flow control, the hello timer, and draining outboxes in WRITEABLE.
extension ServiceCore {
    /// `FILTER_PROTOCOL_CONNECTION` on the WebSocket protocol: 0 accepts, nonzero refuses.
    func filterUpgrade(_ wsi: OpaquePointer) -> Int32 {
        assertOnServiceThread()
        if shuttingDown || refusingWebSockets { return refuseUpgrade(wsi, status: 503, why: "the server is shutting down") }
        let path = HTTPRequestReader.header(wsi, WSI_TOKEN_GET_URI)
        guard path == configuration.webSocketPath else {
            return refuseUpgrade(wsi, status: 404, why: "WebSocket connections are served at \(configuration.webSocketPath) only")
        }
        let origin = HTTPRequestReader.header(wsi, WSI_TOKEN_ORIGIN)
        guard originPolicy.permits(origin) else {
            let refused = origin ?? ""
            if originRefusals.shouldLog(refused, now: loopNow) {
                // A browser refused here shows nothing but a failed WebSocket; the operator
                // needs the Origin it sent and what it was compared with (public_url behind a proxy).
                logger.warning("WebSocket upgrade refused: Origin \(refused) is neither the daemon's own nor an allowed one; set public_url to the URL browsers use, or add the origin to allowed_origins", metadata: [
                    "origin": "\(refused)",
                    "public_url": "\(configuration.ownOrigins.isEmpty ? "(not set)" : configuration.ownOrigins.joined(separator: ","))",
                    "allowed_origins": "[\(configuration.allowedOrigins.joined(separator: ", "))]",
                ])
            }
            return refuseUpgrade(wsi, status: 403, why: "the Origin \(refused) is not allowed")
        }
        upgradeOrigins[wsi] = origin
        return 0
    }

    /// `HTTP_CONFIRM_UPGRADE` (protocols[0], before lws picks a protocol; `upgrade` is the
    /// request's `Upgrade`, `websocket` or `h2c`): refuses an opening handshake RFC 6455 does not
    /// allow (``WebSocketHandshakeCheck``) and, with 400, an upgrade whose
    /// `Sec-WebSocket-Protocol` does not name ours. lws 4.1.6 would close one that names only
    /// unknown protocols without an answer. Returns -1 (hang up) after the answer.
    func confirmUpgrade(_ wsi: OpaquePointer, upgrade: String) -> Int32 {
        // lws 4.1.6 hangs up on an upgrade without Host unanswered (RFC 6455 §4.1 requires one);
        // it gets the 400 every HTTP/1.1 request without Host gets (RFC 9112 §3.2).
        let host = HTTPRequestReader.header(wsi, WSI_TOKEN_HOST)
        if let refusal = HostRequirement.refusal(version: HTTPRequestReader.header(wsi, WSI_TOKEN_HTTP), host: host) {
            _ = refuseUpgrade(wsi, status: refusal.status, why: refusal.detail)
            return -1
        }
        if let refusal = WebSocketHandshakeCheck.refusal(
            upgrade: upgrade, method: HTTPRequestReader.method(wsi)?.name,
            connection: HTTPRequestReader.header(wsi, WSI_TOKEN_CONNECTION), key: HTTPRequestReader.header(wsi, WSI_TOKEN_KEY),
            version: HTTPRequestReader.header(wsi, WSI_TOKEN_VERSION)) {
            _ = refuseUpgrade(wsi, status: refusal.status, why: refusal.detail, headers: refusal.headers)
            return -1
        }
        let offered = HTTPRequestReader.header(wsi, WSI_TOKEN_PROTOCOL) ?? ""
        let names = offered.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.contains(configuration.subprotocol) else {
            let why = offered.isEmpty ? "no Sec-WebSocket-Protocol header" : "Sec-WebSocket-Protocol \(offered) is not supported"
            _ = refuseUpgrade(wsi, status: 400, why: "\(why); it must name \(configuration.subprotocol)")
            return -1
        }
        return 0
    }

    /// Answers a refused upgrade with `status` (the RFC's answer) through the responder's
    /// refusal (``HTTPResponder/refusal(_:)``) and closes it.
    func refuseUpgrade(_ wsi: OpaquePointer, status: Int, why: String, headers: [String: String] = [:]) -> Int32 {
        logger.debug("websocket upgrade refused", metadata: ["status": "\(status)", "why": "\(why)"])
        _ = writeRefusal(wsi, HTTPRefusal(status: status, detail: "WebSocket upgrade refused: \(why)", headers: headers), isHead: false)
        return 1
    }

    /// `ESTABLISHED`: wrap the connection, start the hello timer, hand it to the acceptor.
    func webSocketEstablished(_ wsi: OpaquePointer) {
        let id = ConnectionID(rawValue: nextConnectionNumber)
        nextConnectionNumber += 1
        let connection = WebSocketConnection(id: id, origin: upgradeOrigins.removeValue(forKey: wsi),
                                             configuration: configuration, mailbox: mailbox)
        let session = ConnectionSession(wsi: wsi, connection: connection, now: readingClock.now)
        sessionsByWSI[wsi] = session
        sessionsByID[id] = session
        openConnectionCount.withLock { $0 += 1 }
        lws_set_timer_usecs(wsi, lws_usec_t(configuration.helloTimeoutSeconds * 1_000_000))
        if shuttingDown {
            connection.close(code: 1001, reason: "server going away")
        }
        acceptor.accept(connection)
    }

    /// `RECEIVE`: one chunk of a frame. Returns -1 to close (after setting the close reason).
    func webSocketReceived(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        guard let session = sessionsByWSI[wsi] else { return -1 }
        session.heard(at: readingClock.now)
        if lws_frame_is_binary(wsi) != 0 {
            setCloseReason(wsi, code: 1003, reason: "binary frames are not accepted")
            return -1
        }
        let inbound = session.connection.inbound
        let limit = inbound.isAuthenticated ? configuration.maxMessageBytes : configuration.preAuthMaxMessageBytes
        let isFinal = lws_is_final_fragment(wsi) != 0 && lws_remaining_packet_payload(wsi) == 0
        let chunk = UnsafeRawBufferPointer(start: input, count: input == nil ? 0 : length)
        switch session.assembler.append(chunk, isFinal: isFinal, limit: limit, drainLimit: Self.drainLimit(limit)) {
        case .incomplete, .draining:
            return 0
        case .tooBig(let limit):
            setCloseReason(wsi, code: 1009, reason: "message larger than \(limit) bytes")
            return -1
        case .complete(let bytes):
            guard bytes.withUnsafeBytes(UTF8Validation.isValid) else {
                setCloseReason(wsi, code: 1007, reason: "the message is not valid UTF-8")
                return -1
            }
            if !session.receivedFirstMessage {
                session.receivedFirstMessage = true
                lws_set_timer_usecs(wsi, -1)
            }
            if inbound.push(.text(bytes)) == .pauseReading {
                session.readingPaused = true
                lws_rx_flow_control(wsi, 0)
            }
            return 0
        }
    }

    /// `WS_PEER_INITIATED_CLOSE`: 0 lets lws echo the peer's close; a malformed one
    /// (``PeerCloseCheck``) is answered with 1002 or 1007 instead (-1 after setting the reason).
    func peerSentClose(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        let payload = UnsafeRawBufferPointer(start: input, count: input == nil ? 0 : length)
        guard let refusal = PeerCloseCheck.refusal(of: payload) else {
            let code = payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil
            sessionsByWSI[wsi]?.connection.outbox.withLock { $0.noteEnding(.closedByClient(code: code)) }
            return 0
        }
        setCloseReason(wsi, code: refusal.code, reason: refusal.reason)
        return -1
    }

    /// How much of a message past its limit is read (and dropped) so that the 1009 close reaches
    /// the client; a message longer still is cut off mid-frame.
    static func drainLimit(_ limit: Int) -> Int {
        // Saturates: a limit near Int.max (an embedder's "no limit") must not trap on every frame.
        let (drain, overflow) = max(limit, 64 * 1024).multipliedReportingOverflow(by: 16)
        return overflow ? Int.max : drain
    }

    /// `TIMER`: the hello timeout. Returns -1 to close with 4000.
    ///
    /// The timeout counts reading time (``ReadingClock``), as idle silence does: when the service
    /// thread stalled, lws may run this timer before it reads the hello that arrived during the
    /// stall, so the timer is armed again for what is left instead of closing.
    func helloTimerFired(_ wsi: OpaquePointer) -> Int32 {
        guard let session = sessionsByWSI[wsi], !session.receivedFirstMessage else { return 0 }
        let timeout = UInt64(max(0, configuration.helloTimeoutSeconds) * 1_000_000_000)
        if let left = readingClock.remaining(of: timeout, since: session.openedAt, at: MonotonicClock.nanoseconds(),
                                             grace: Self.idleSweepNanoseconds) {
            lws_set_timer_usecs(wsi, lws_usec_t(max(left / 1_000, 1)))
            return 0
        }
        // Info, not warning: anyone may open a socket and say nothing (a scanner, a closed laptop lid).
        logger.info("""
                    closed a WebSocket with 4000: it sent no hello within \(Int(configuration.helloTimeoutSeconds.rounded(.up))) s of connecting; \
                    a browser that keeps doing this has a network or proxy that holds its messages back
                    """,
                    metadata: ["connection": "\(session.connection.id)"])
        setCloseReason(wsi, code: 4000, reason: "no hello")
        return -1
    }

    /// `SERVER_WRITEABLE`: write queued frames while the socket takes them, then the close.
    ///
    /// A backlog is packed into few writes (``FrameBatch``): one `send` per frame was most
    /// of a broadcast's cost. A lone frame goes straight from its shared block.
    func webSocketWriteable(_ wsi: OpaquePointer) -> Int32 {
        guard let session = sessionsByWSI[wsi] else { return 0 }
        enum Next { case frames([OutboundFrame], queuedAt: UInt64), more, close(OutboxState.CloseRequest), idle }
        // lws calls WRITEABLE only with its own buffer empty, so the first batch goes without
        // asking; `lws_send_pipe_choked` is a poll() syscall, paid only when more is queued.
        var wrote = false
        if session.pingDue {
            session.pingDue = false
            if lws_write(wsi, pingBuffer + reviewroom_lws_pre, Self.pingPayload.count, LWS_WRITE_PING) < 0 { return -1 }
            wrote = true
        }
        while true {
            let next = session.connection.outbox.withLock { o -> Next in
                if !o.frames.isEmpty {
                    return wrote ? .more : .frames(o.takeBatch(), queuedAt: o.takeQueuedAt())
                }
                if let close = o.closeRequest { return .close(close) }
                o.wakePending = false
                return .idle
            }
            switch next {
            case .frames(let frames, let queuedAt):
                observeSendWait(since: queuedAt)
                if !write(frames, to: wsi) { return -1 }
                wrote = true
            case .more:
                if lws_send_pipe_choked(wsi) != 0 {
                    lws_callback_on_writable(wsi)
                    return 0
                }
                wrote = false
            case .close(let request):
                setCloseReason(wsi, code: request.code, reason: request.reason)
                return -1
            case .idle:
                return 0
            }
        }
    }

    /// Writes a connection's queued frames at once, from the mailbox, while lws holds nothing
    /// unsent for it; true when that left nothing for `WRITEABLE` to do.
    ///
    /// Arming `WRITEABLE` for every flush cost two `epoll_ctl` calls and a loop pass per frame
    /// batch on the one service thread, the busiest thread of a broadcast. A close, a partial
    /// send lws buffered, or a long backlog still go through `WRITEABLE`.
    func flushNow(_ session: ConnectionSession) -> Bool {
        let wsi = session.wsi
        for _ in 0 ..< 4 {
            if lws_partial_buffered(wsi) != 0 { return false }
            enum Next { case frames([OutboundFrame], queuedAt: UInt64), close, done }
            let next = session.connection.outbox.withLock { o -> Next in
                if !o.frames.isEmpty { return .frames(o.takeBatch(), queuedAt: o.takeQueuedAt()) }
                if o.closeRequest != nil { return .close }
                o.wakePending = false
                return .done
            }
            switch next {
            case .frames(let frames, let queuedAt):
                observeSendWait(since: queuedAt)
                if !write(frames, to: wsi) {
                    // Outside its callbacks a broken connection is closed by timeout, at once.
                    lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
                    return true
                }
            case .close:
                return false
            case .done:
                return true
            }
        }
        return false
    }

    /// Reports how long the oldest frame of a batch about to be written waited (0: not timed).
    private func observeSendWait(since queuedAt: UInt64) {
        guard queuedAt != 0, let observer = configuration.waitObserver else { return }
        let now = MonotonicClock.nanoseconds()
        observer.sendWaited(now > queuedAt ? now - queuedAt : 0)
    }

    /// Writes `frames` in order: a lone frame as is, several packed into one raw write.
    /// False when lws reports the connection broken.
    private func write(_ frames: [OutboundFrame], to wsi: OpaquePointer) -> Bool {
        if frames.count == 1, let frame = frames.first {
            return lws_write(wsi, frame.payload, frame.count, LWS_WRITE_TEXT) >= frame.count
        }
        frameBatch.reset()
        for frame in frames { frameBatch.append(frame) }
        // LWS_WRITE_HTTP makes lws send the bytes as they are (they are already whole frames);
        // it still buffers a partial send itself and reports the full length.
        return lws_write(wsi, frameBatch.bytes, frameBatch.count, LWS_WRITE_HTTP) >= frameBatch.count
    }

    /// `CLOSED`: forget the connection, finish its stream.
    func webSocketClosed(_ wsi: OpaquePointer) {
        upgradeOrigins[wsi] = nil
        guard let session = sessionsByWSI.removeValue(forKey: wsi) else { return }
        sessionsByID[session.connection.id] = nil
        openConnectionCount.withLock { $0 -= 1 }
        finishSession(session)
    }

    /// Marks a connection closed for its owner: no more sends, how it ended settled, stream finished.
    func finishSession(_ session: ConnectionSession) {
        session.connection.outbox.withLock { o in
            o.ending = o.finalEnding
            o.closed = true
            o.frames.removeAll()
            o.queuedBytes = 0
        }
        session.connection.inbound.finish()
    }
}
