import Glibc

/// A TCP socket bound to a numeric address the way the transport's own listener is: close-on-
/// exec and `SO_REUSEADDR` (a restart need not wait out the old connections' TIME_WAIT), IPv6
/// left dual-stack as the kernel sets it.
public enum ListeningSocket {
    /// Why `bind` failed: its errno.
    public struct BindFailure: Error, Equatable, Sendable {
        /// The errno `socket(2)` or `bind(2)` set (`EADDRINUSE`, `EADDRNOTAVAIL`, `EACCES`, …).
        public let errorNumber: Int32
    }

    /// Why inherited descriptor `fd` (systemd's socket) cannot be served: it is not a socket,
    /// or a socket that is not listening; nil when it is a listening socket. Changes nothing, so
    /// the daemon asks before it touches the data directory.
    public static func inheritedProblem(fd: Int32) -> String? {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 else {
            return "inherited listener fd \(fd) is not a socket (errno \(errno))"
        }
        return accepting == 0 ? "inherited listener fd \(fd) is a socket that is not listening" : nil
    }

    /// A stream socket bound to numeric `host` (IPv4, or IPv6 with or without brackets) and
    /// `port` (0 for any free port), non-blocking when `nonBlocking`; nil when `host` is not a
    /// numeric address. The caller owns the descriptor.
    public static func bind(host: String, port: Int, nonBlocking: Bool = false) -> Result<Int32, BindFailure>? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, bare, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        } else if inet_pton(AF_INET6, bare, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port)).bigEndian
        } else {
            return nil
        }
        var type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        let fd = socket(family, type, 0)
        guard fd >= 0 else { return .failure(BindFailure(errorNumber: errno)) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = family == AF_INET
            ? withUnsafePointer(to: &v4) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            : withUnsafePointer(to: &v6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        guard bound == 0 else {
            let failure = errno
            close(fd)
            return .failure(BindFailure(errorNumber: failure))
        }
        return .success(fd)
    }
}
