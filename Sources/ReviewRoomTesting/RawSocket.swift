#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP socket with `poll`-bounded reads, for tests that must fail instead of hang.
public final class RawSocket {
    /// The descriptor (-1 once closed).
    public private(set) var fd: Int32
    private var pending: [UInt8] = []

    /// Connects to `host:port` (numeric or resolvable host).
    public init(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw RawSocketError(.connectFailed, "cannot resolve \(host): getaddrinfo returned \(status)")
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if socket >= 0 {
                if Glibc.connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    fd = socket
                    return
                }
                Glibc.close(socket)
            }
            candidate = info.pointee.ai_next
        }
        throw RawSocketError(.connectFailed, "cannot connect to \(host):\(port) (errno \(errno))")
    }

    deinit { close() }

    /// Sets the kernel receive buffer size (before reading; lets a test stall cheaply).
    public func setReceiveBuffer(bytes: Int) {
        var value = Int32(bytes)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw RawSocketError(.system, "send failed (errno \(errno))")
            }
            offset += n
        }
    }

    /// Reads exactly `count` bytes, waiting at most `timeout` seconds for each arrival.
    public func read(exactly count: Int, timeout: Double) throws -> [UInt8] {
        while pending.count < count {
            try fill(timeout: timeout)
        }
        let result = Array(pending.prefix(count))
        pending.removeFirst(count)
        return result
    }

    /// Reads up to and including `delimiter`, waiting at most `timeout` seconds per arrival.
    public func read(through delimiter: [UInt8], timeout: Double, limit: Int = 1 << 20) throws -> [UInt8] {
        var searchFrom = 0
        while true {
            if let end = Self.find(delimiter, in: pending, from: searchFrom) {
                let result = Array(pending.prefix(end + delimiter.count))
                pending.removeFirst(end + delimiter.count)
                return result
            }
            guard pending.count < limit else {
                throw RawSocketError(.malformed, "no delimiter within \(limit) bytes")
            }
            searchFrom = max(0, pending.count - delimiter.count + 1)
            try fill(timeout: timeout)
        }
    }

    /// Reads until the peer closes; returns everything read.
    public func readToEnd(timeout: Double) throws -> [UInt8] {
        while true {
            do {
                try fill(timeout: timeout)
            } catch let error as RawSocketError where error.code == .closed {
                defer { pending.removeAll() }
                return pending
            }
        }
    }

    /// Waits until the peer closed the connection (reading and dropping whatever arrives).
    public func waitForPeerClose(timeout: Double) throws {
        _ = try readToEnd(timeout: timeout)
    }

    /// Closes the descriptor.
    public func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    /// Half-closes the sending side.
    public func shutdownWrite() {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
    }

    private func fill(timeout: Double) throws {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        if ready < 0 {
            if errno == EINTR { return }
            throw RawSocketError(.system, "poll failed (errno \(errno))")
        }
        guard ready > 0 else { throw RawSocketError(.timedOut, "nothing arrived within \(timeout) s") }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            if errno == ECONNRESET { throw RawSocketError(.closed, "connection reset by peer") }
            throw RawSocketError(.system, "recv failed (errno \(errno))")
        }
        guard n > 0 else { throw RawSocketError(.closed, "peer closed the connection") }
        pending.append(contentsOf: buffer[0..<n])
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0], Array(haystack[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
