import CLibWebSockets
import Dispatch
import Glibc

// The main listener is the transport's own (bound by `openListener`, or systemd's socket under
// socket activation), not lws': lws 4.1.6 cannot adopt a listening socket, so a raw wsi of the
// internal listener protocol watches it; each readable event accepts every pending connection
// and adopts it as an HTTP socket (WebSocket upgrades included). Accepting here, rather than in
// lws, lets the transport set TCP_NODELAY on each (lws' adoption does not) and shed connections
// when out of descriptors (lws' accept spins on EMFILE).
extension ServiceCore {
    /// Binds and listens on numeric `host:port` (``ListeningSocket``), non-blocking.
    static func openListener(host: String, port: Int) throws -> Int32 {
        let cannot = "could not listen on \(host):\(port)"
        guard let bound = ListeningSocket.bind(host: host, port: port, nonBlocking: true) else {
            throw TransportError(.startFailed, cannot + ": the host is not an IP address (resolve host names first)")
        }
        switch bound {
        case .failure(let failure):
            let reason = failure.errorNumber == EADDRINUSE ? "the address is in use"
                : failure.errorNumber == EADDRNOTAVAIL ? "the address is not local" : String(cString: strerror(failure.errorNumber))
            throw TransportError(.startFailed, "\(cannot): \(reason)")
        case .success(let fd):
            guard listen(fd, SOMAXCONN) == 0 else {
                let failure = errno
                close(fd)
                throw TransportError(.startFailed, "\(cannot): listen failed (\(String(cString: strerror(failure))))")
            }
            return fd
        }
    }

    /// Checks that `fd` is a listening stream socket and makes it non-blocking.
    static func prepareInheritedListener(_ fd: Int32) throws -> Int32 {
        if let problem = ListeningSocket.inheritedProblem(fd: fd) { throw TransportError(.badListener, problem) }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw TransportError(.badListener, "inherited listener fd \(fd) cannot be made non-blocking (errno \(errno))")
        }
        return fd
    }

    /// The local port a socket is bound to (0 when unknown).
    static func boundPort(of fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { return 0 }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            return 0
        }
    }

    /// Starts watching the listener (its own or systemd's) with a raw wsi.
    func adoptListener(_ fd: Int32) throws {
        guard let vhost else { throw TransportError(.badListener, "no vhost to adopt the listener fd \(fd) into") }
        let adopted = ProtocolTable.listenerName.withCString { name in
            lws_adopt_descriptor_vhost(vhost, LWS_ADOPT_RAW_FILE_DESC, reviewroom_lws_filefd(fd), name, nil)
        }
        guard let adopted else {
            throw TransportError(.badListener, "libwebsockets could not watch the listener fd \(fd)")
        }
        listenerFD = fd
        listenerWSI = adopted
        topUpReserve()
    }

    /// Accepts every pending connection on the listener and hands each to lws.
    func acceptPendingConnections() {
        assertOnServiceThread()
        guard listenerFD >= 0, !shuttingDown, let vhost else { return }
        while true {
            // accept4 with SOCK_CLOEXEC | SOCK_NONBLOCK: the flags are set atomically, so no
            // fork/exec anywhere in the process can inherit the socket in between.
            let client = reviewroom_accept_cloexec_nonblock(listenerFD)
            if client < 0 {
                let failure = errno
                if failure == EINTR || failure == ECONNABORTED { continue }
                // Out of descriptors: shed what is pending (said by `logShedConnections`).
                if failure == EMFILE || failure == ENFILE {
                    if shedPendingConnection() { continue }
                } else if failure != EAGAIN && failure != EWOULDBLOCK {
                    logger.warning("accept on the listener failed", metadata: ["errno": "\(failure)"])
                }
                logShedConnections()
                return
            }
            // Small frames go out at once: without it Nagle holds a frame written while an earlier
            // one is unacknowledged (lws' own accept sets it; its adoption does not).
            var one: Int32 = 1
            _ = setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var type = LWS_ADOPT_SOCKET.rawValue | LWS_ADOPT_HTTP.rawValue
            if usesTLS { type |= LWS_ADOPT_ALLOW_SSL.rawValue }
            // On failure lws closes the descriptor itself.
            if lws_adopt_descriptor_vhost(vhost, lws_adoption_type(rawValue: type), reviewroom_lws_sockfd(client), nil, nil) == nil {
                logger.warning("libwebsockets refused an accepted connection")
            }
        }
    }

    /// Out of descriptors: gives up a reserve descriptor for a moment to accept the oldest
    /// pending connection and close it at once (its client sees the connection end rather than
    /// wait unanswered in the backlog). False when nothing was pending any more, or no reserve
    /// was left to give up (another thread took its number in between); with none left at all,
    /// the listener is paused until the idle sweep can open one again (``resumeListenerIfPaused()``).
    private func shedPendingConnection() -> Bool {
        topUpReserve()
        guard let spare = reserveFDs.popLast() else {
            pauseListener()
            return false
        }
        close(spare)
        let client = reviewroom_accept_cloexec_nonblock(listenerFD)
        guard client >= 0 else {
            // Nothing pending (or another thread took the number): the reserve is opened again at
            // once, or the next accept would hand its number to a connection and leave none.
            topUpReserve()
            return false
        }
        // Closing the connection by duplicating the listener over it keeps its number as the new
        // reserve: the number is never free, so no other thread can take it.
        if reviewroom_dup_over_cloexec(listenerFD, client) == client {
            reserveFDs.append(client)
        } else {
            close(client)
        }
        shedding.shed()
        return true
    }

    /// Opens reserve descriptors up to ``ListenerShedding/reserveCount`` (as many as are free).
    private func topUpReserve() {
        while reserveFDs.count < ListenerShedding.reserveCount {
            let fd = ListenerShedding.openReserve()
            guard fd >= 0 else { return }
            reserveFDs.append(fd)
        }
    }

    /// Stops watching the listener for readability: nothing can accept or shed its backlog now.
    private func pauseListener() {
        guard let listenerWSI, !listenerPaused else { return }
        listenerPaused = true
        _ = lws_rx_flow_control(listenerWSI, 0)
        logger.warning("out of file descriptors with none in reserve: new connections wait until one is free",
                       metadata: ["hint": "raise LimitNOFILE (systemd) or ulimit -n, or cap connections at the proxy"])
    }

    /// From the idle sweep: watches the paused listener again once a reserve descriptor opens.
    func resumeListenerIfPaused() {
        guard listenerPaused, let listenerWSI else { return }
        topUpReserve()
        guard !reserveFDs.isEmpty else { return }
        listenerPaused = false
        _ = lws_rx_flow_control(listenerWSI, 1)
        acceptPendingConnections()
    }

    /// Logs the connections shed since the last line, at most once a second.
    func logShedConnections() {
        guard let count = shedding.due(now: DispatchTime.now().uptimeNanoseconds) else { return }
        logger.warning("out of file descriptors: closed new connections at once", metadata: [
            "closed": "\(count)", "hint": "raise LimitNOFILE (systemd) or ulimit -n, or cap connections at the proxy"])
    }

    /// Stops watching the listener (shutdown).
    func stopListening() {
        if let listenerWSI {
            lws_set_timeout(listenerWSI, PENDING_TIMEOUT_USER_OK, reviewroom_lws_to_kill_async)
            self.listenerWSI = nil
        }
    }

    /// lws closed the listener wsi (and with it the descriptor).
    func listenerClosed() {
        listenerWSI = nil
        listenerFD = -1
        reserveFDs.forEach { close($0) }
        reserveFDs = []
        listenerPaused = false
    }
}
