import CLibWebSockets
import Glibc

// Socket activation: lws 4.1.6 cannot adopt a listening socket, so a raw wsi of the
// internal listener protocol watches it; each readable event accepts every pending
// connection and adopts it as an HTTP socket (WebSocket upgrades included).
extension ServiceCore {
    /// Checks that `fd` is a listening stream socket and makes it non-blocking.
    static func prepareInheritedListener(_ fd: Int32) throws -> Int32 {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 else {
            throw TransportError(.badListener, "inherited listener fd \(fd) is not a socket (errno \(errno))")
        }
        guard accepting != 0 else {
            throw TransportError(.badListener, "inherited listener fd \(fd) is a socket that is not listening")
        }
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

    /// Starts watching the inherited listener with a raw wsi.
    func adoptListener(_ fd: Int32) throws {
        guard let vhost else { throw TransportError(.badListener, "no vhost to adopt the inherited listener fd \(fd) into") }
        let adopted = ProtocolTable.listenerName.withCString { name in
            lws_adopt_descriptor_vhost(vhost, LWS_ADOPT_RAW_FILE_DESC, reviewroom_lws_filefd(fd), name, nil)
        }
        guard let adopted else {
            throw TransportError(.badListener, "libwebsockets could not watch the inherited listener fd \(fd)")
        }
        listenerFD = fd
        listenerWSI = adopted
    }

    /// Accepts every pending connection on the inherited listener and hands each to lws.
    func acceptPendingConnections() {
        assertOnServiceThread()
        guard listenerFD >= 0, !shuttingDown, let vhost else { return }
        while true {
            // accept4 with SOCK_CLOEXEC | SOCK_NONBLOCK: the flags are set atomically, so no
            // fork/exec anywhere in the process can inherit the socket in between.
            let client = reviewroom_accept_cloexec_nonblock(listenerFD)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno != EAGAIN && errno != EWOULDBLOCK {
                    logger.warning("accept on inherited listener failed", metadata: ["errno": "\(errno)"])
                }
                return
            }
            var type = LWS_ADOPT_SOCKET.rawValue | LWS_ADOPT_HTTP.rawValue
            if usesTLS { type |= LWS_ADOPT_ALLOW_SSL.rawValue }
            // On failure lws closes the descriptor itself.
            if lws_adopt_descriptor_vhost(vhost, lws_adoption_type(rawValue: type), reviewroom_lws_sockfd(client), nil, nil) == nil {
                logger.warning("libwebsockets refused an accepted connection")
            }
        }
    }

    /// Stops watching the inherited listener (shutdown).
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
    }
}
