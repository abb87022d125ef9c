import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's notify socket: pass ``notifySocket`` as
/// `NOTIFY_SOCKET` and wait on ``messages`` for `READY=1`, `WATCHDOG=1`, `STOPPING=1`…
public final class NotifySocketListener: Sendable {
    /// The value for `NOTIFY_SOCKET` (a path, or `@name` when abstract).
    public let notifySocket: String
    /// Every datagram received, as text.
    public let messages = AwaitableLog<String>(name: "notify socket")
    private let fd: Int32

    /// Binds a socket: a file in a temporary directory, or an abstract name when `abstract`.
    public init(abstract: Bool = false) throws {
        let name = abstract
            ? "@reviewroom-test-\(UUID().uuidString.prefix(12))"
            : try TemporaryDirectory.make(prefix: "notify").appendingPathComponent("notify.sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonProcessError(message: "socket failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var bytes = Array(name.utf8)
        if abstract { bytes[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            close(fd)
            throw DaemonProcessError(message: "bind \(name) failed: errno \(errno)")
        }
        notifySocket = name
        self.fd = fd
        let socketFD = fd
        let messages = messages
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
                if count < 0 && errno == EINTR { continue }
                // shutdown() in deinit makes recv return 0.
                guard count > 0 else { break }
                messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
            }
            messages.finish()
            close(socketFD)
        }.start()
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
    }
}
