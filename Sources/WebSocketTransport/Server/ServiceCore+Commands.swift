import CLibWebSockets
import Foundation

extension ServiceCore {
    /// Carries out every queued cross-thread command (on `EVENT_WAIT_CANCELLED`).
    func drainMailbox() {
        assertOnServiceThread()
        for command in mailbox.drain() {
            perform(command)
        }
    }

    private func perform(_ command: ServiceCommand) {
        switch command {
        case .flush(let id):
            if let session = sessionsByID[id], !flushNow(session) { lws_callback_on_writable(session.wsi) }
        case .closeNow(let id):
            // Only an outbox overflow posts closeNow (see WebSocketConnection.send).
            outboxOverflowCount.withLock { $0 += 1 }
            if let session = sessionsByID[id] { closeImmediately(session) }
        case .resumeReading(let id):
            if let session = sessionsByID[id] {
                session.readingResumed(at: readingClock.now)
                lws_rx_flow_control(session.wsi, 1)
            }
        case .httpReply(let exchangeID, let response):
            deliver(response, to: exchangeID)
        case .probe(let answer):
            answer()
        case .reloadTLS(let certificatePath, let keyPath, let done):
            done(swapCertificate(certificatePath: certificatePath, keyPath: keyPath))
        case .refuseNewWebSockets:
            if !refusingWebSockets { logger.info("refusing new WebSocket connections") }
            refusingWebSockets = true
        case .beginShutdown:
            beginShutdown()
        case .shutdownDeadline:
            shutdownDeadlinePassed = true
            for session in sessionsByWSI.values {
                lws_set_timeout(session.wsi, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
            }
        }
    }

    /// Seconds an overflowed connection gets to take its close frame before it is dropped.
    static let overflowCloseGraceSeconds: Int32 = 10

    /// Closes without sending what is queued (overflow): the close frame goes out at the next
    /// `WRITEABLE`, i.e. as soon as the peer reads again; a peer that never reads is dropped
    /// after ``overflowCloseGraceSeconds``.
    func closeImmediately(_ session: ConnectionSession) {
        session.connection.outbox.withLock { o in
            o.frames.removeAll()
            o.queuedBytes = 0
            if o.closeRequest == nil { o.closeRequest = .init(code: 1000, reason: "", immediate: true) }
        }
        // lws' own timeout is a "violent" close without a close frame: exactly the drop
        // PROTOCOL §3.4 asks for when a close frame cannot be sent.
        lws_set_timeout(session.wsi, PENDING_TIMEOUT_USER_OK, Self.overflowCloseGraceSeconds)
        lws_callback_on_writable(session.wsi)
    }

    /// Records the close code and reason lws puts in the close frame.
    func setCloseReason(_ wsi: OpaquePointer, code: UInt16, reason: String) {
        sessionsByWSI[wsi]?.connection.outbox.withLock { $0.noteEnding(.closedByServer(code: code)) }
        // RFC 6455: the close payload is at most 125 bytes, two of them the code.
        var bytes = Array(reason.utf8.prefix(123))
        while String(validating: bytes, as: UTF8.self) == nil, !bytes.isEmpty { bytes.removeLast() }
        bytes.withUnsafeMutableBufferPointer { buffer in
            lws_close_reason(wsi, lws_close_status(rawValue: UInt32(code)), buffer.baseAddress, buffer.count)
        }
    }

    private func beginShutdown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        logger.info("transport shutting down", metadata: ["connections": "\(sessionsByWSI.count)"])
        // lws_context_deprecate would close the listen socket, but 4.1.6 then raises SIGINT
        // in the whole process once no wsi is left; new sockets are refused instead in
        // FILTER_NETWORK_CONNECTION while `shuttingDown` is set.
        stopListening()
        for session in sessionsByWSI.values {
            let wake = session.connection.outbox.withLock { o -> Bool in
                if o.closeRequest == nil {
                    o.closeRequest = .init(code: 1001, reason: "server going away", immediate: false)
                }
                return !o.closed
            }
            if wake { lws_callback_on_writable(session.wsi) }
        }
    }
}
