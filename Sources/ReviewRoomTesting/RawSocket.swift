import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP socket with `poll`-bounded reads, for tests that must fail instead of hang.
///
/// Thread-safe (calls are serialised by a lock), so a test can connect on one thread and read
/// on another; concurrent readers simply take turns.
public final class RawSocket: @unchecked Sendable {
    // @unchecked Sendable is sound: the only mutable state, `descriptor` and `pending`, is read
    // and written exclusively inside `lock.withLock` (the public methods take the lock first).
    private let lock = NSRecursiveLock()
    private var descriptor: Int32
    private var pending: [UInt8] = []

    /// The descriptor (-1 once closed).
    public var fd: Int32 { lock.withLock { descriptor } }

    /// Connects to `host:port` (numeric or resolvable host).
    public init(host: String, port: Int, receiveBufferBytes: Int? = nil) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw TestClientError(.connectFailed, "cannot resolve \(host): getaddrinfo returned \(status)")
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            // CLOEXEC: a child process another test spawns meanwhile must not inherit (and keep open) this socket.
            let socket = Glibc.socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), info.pointee.ai_protocol)
            if socket >= 0 {
                if var size = receiveBufferBytes.map(Int32.init) {
                    // Before connect, so the advertised window is small from the start.
                    _ = setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
                }
                if Glibc.connect(socket, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    descriptor = socket
                    return
                }
                Glibc.close(socket)
            }
            candidate = info.pointee.ai_next
        }
        throw TestClientError(.connectFailed, "cannot connect to \(host):\(port) (errno \(errno))")
    }

    deinit { close() }

    /// Writes all of `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        lock.lock()
        defer { lock.unlock() }
        let fd = descriptor
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE || errno == ECONNRESET { throw TestClientError(.closed, "the peer has closed the connection (errno \(errno))") }
                throw TestClientError(.system, "send failed (errno \(errno))")
            }
            offset += n
        }
    }

    /// Reads exactly `count` bytes, waiting at most `timeout` seconds for each arrival.
    public func read(exactly count: Int, timeout: Double) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        while pending.count < count {
            try fill(timeout: timeout)
        }
        let result = Array(pending.prefix(count))
        pending.removeFirst(count)
        return result
    }

    /// Reads up to and including `delimiter`, waiting at most `timeout` seconds per arrival.
    public func read(through delimiter: [UInt8], timeout: Double, limit: Int = 1 << 20) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        var searchFrom = 0
        while true {
            if let end = Self.find(delimiter, in: pending, from: searchFrom) {
                let result = Array(pending.prefix(end + delimiter.count))
                pending.removeFirst(end + delimiter.count)
                return result
            }
            guard pending.count < limit else {
                throw TestClientError(.malformed, "no delimiter within \(limit) bytes")
            }
            searchFrom = max(0, pending.count - delimiter.count + 1)
            try fill(timeout: timeout)
        }
    }

    /// Reads until the peer closes; returns everything read.
    public func readToEnd(timeout: Double) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        while true {
            do {
                try fill(timeout: timeout)
            } catch let error as TestClientError where error.code == .closed {
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
        lock.withLock {
            if descriptor >= 0 {
                Glibc.close(descriptor)
                descriptor = -1
            }
        }
    }

    /// Half-closes the sending side.
    public func shutdownWrite() {
        _ = lock.withLock { Glibc.shutdown(descriptor, Int32(SHUT_WR)) }
    }

    private func fill(timeout: Double) throws {
        let fd = descriptor
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        if ready < 0 {
            if errno == EINTR { return }
            throw TestClientError(.system, "poll failed (errno \(errno))")
        }
        guard ready > 0 else { throw TestClientError(.timedOut, "nothing arrived within \(timeout) s") }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            if errno == ECONNRESET { throw TestClientError(.closed, "connection reset by peer") }
            throw TestClientError(.system, "recv failed (errno \(errno))")
        }
        guard n > 0 else { throw TestClientError(.closed, "peer closed the connection") }
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
