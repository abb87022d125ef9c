import CLibWebSockets

// Silent connections on the service thread: a sweep a few times a second carries out what
// `IdlePolicy` decides (ping once, then drop), instead of lws's per-connection validity timers.
extension ServiceCore {
    /// How often the sweep runs, ns (a quarter of a second: fine-grained next to 40 s).
    static let idleSweepNanoseconds: UInt64 = 250_000_000
    /// The ping's payload. Not empty: lws 4.1.6 skips `RECEIVE_PONG` for a pong without payload,
    /// and a peer's pong echoes the ping's.
    static let pingPayload: [UInt8] = Array("rr-idle".utf8)
    /// `RECEIVE_PONG`: the peer answered a ping.
    func pongReceived(_ wsi: OpaquePointer) {
        sessionsByWSI[wsi]?.heard(at: readingClock.now)
    }

    /// Pings connections silent past the policy's ping time and drops those silent past its
    /// hang-up time. O(connections) per run, a few times a second. Silence is measured on the
    /// ``readingClock``: time the loop was stalled does not count as the peers' silence.
    ///
    /// A connection whose reading is paused is left alone: its pongs wait unread behind the
    /// paused input, so it would be dropped for the server's own backpressure (a consumer slow
    /// to accept its `hello` on a loaded machine) although it answered every ping.
    func sweepIdleConnections() {
        let now = readingClock.now
        nextIdleSweep = now + Self.idleSweepNanoseconds
        dropStalledBodies(now: now)
        logShedConnections() // the last of a flood's count, once no accept is tried any more
        resumeListenerIfPaused()
        for session in sessionsByWSI.values where !session.readingPaused {
            switch idlePolicy.action(now: now, lastHeard: session.lastHeard, pingedSinceHeard: session.pingedSinceHeard) {
            case .none:
                continue
            case .ping:
                session.pingedSinceHeard = true
                session.pingDue = true
                lws_callback_on_writable(session.wsi)
            case .drop:
                logger.debug("websocket dropped: no answer to a ping", metadata: ["connection": "\(session.connection.id)"])
                // No close handshake: the peer is not answering. lws closes it on its next pass.
                session.connection.outbox.withLock { $0.noteEnding(.unanswered) }
                lws_set_timeout(session.wsi, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
            }
        }
    }

    /// Drops the connections whose request body is still incomplete ``bodyDeadline`` after its
    /// headers, however steadily it trickles in (lws' own timeout restarts with every piece).
    /// Like lws' timeout for a stalled body, no answer: the request is not read to its end.
    private func dropStalledBodies(now: UInt64) {
        for exchange in exchangesByWSI.values where !exchange.dispatched
            && bodyDeadline.hasExpired(start: exchange.startedAt, now: now) {
            logger.debug("http request dropped: its body took too long", metadata: ["method": "\(exchange.request.method)"])
            forget(exchange)
            lws_set_timeout(exchange.wsi, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
        }
    }
}
