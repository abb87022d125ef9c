import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Picks a free loopback TCP port by binding port 0 and closing the socket. Only for tools
/// that must be told a port in advance (e.g. `systemd-socket-activate -l`); everything else
/// binds port 0 itself.
public enum FreePort {
    /// A port that was free a moment ago on 127.0.0.1.
    public static func pick() throws -> Int {
        let (fd, port) = try bindLoopbackPortZero()
        close(fd)
        return port
    }

    /// Binds a socket to a fresh port on 127.0.0.1 and returns it with the port it got.
    static func bindLoopbackPortZero() throws -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonProcessError(message: "socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        let named = bound == 0 ? withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        } : -1
        guard named == 0 else {
            let failure = errno
            close(fd)
            throw DaemonProcessError(message: "bind or getsockname failed: errno \(failure)")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// A loopback port that refuses every connection for as long as this value lives: a socket is
/// bound to it but never listens, so a SYN gets a reset, and no other test running in
/// parallel can bind the port meanwhile (closing a picked port and hoping it stays free is a
/// race: another test's server may be given the same port by `bind(0)`).
public final class RefusingPort: Sendable {
    /// The port on 127.0.0.1 that refuses connections.
    public let port: Int
    private let fd: Int32

    /// Binds a fresh loopback port without listening on it.
    public init() throws {
        (fd, port) = try FreePort.bindLoopbackPortZero()
    }

    deinit { close(fd) }
}
