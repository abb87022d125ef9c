import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends sd_notify(3) datagrams (`READY=1`, `STATUS=…`, `WATCHDOG=1`, `STOPPING=1`) to the
/// socket in `NOTIFY_SOCKET`: a path, or `@name` for the abstract namespace.
public struct SystemdNotifier: Sendable {
    /// The socket address as given (`/run/systemd/notify` or `@…`).
    public let socketPath: String

    /// A notifier for `environment["NOTIFY_SOCKET"]`, or nil when the daemon is not run by systemd.
    public init?(environment: [String: String]) {
        guard let path = environment["NOTIFY_SOCKET"], path.hasPrefix("/") || path.hasPrefix("@"), path.utf8.count > 1 else {
            return nil
        }
        socketPath = path
    }

    /// Sends one datagram with `state` (several assignments separated by newlines).
    public func send(_ state: String) throws(SystemdNotifyError) {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            throw SystemdNotifyError(code: .addressTooLong, message: "NOTIFY_SOCKET \(socketPath) is longer than \(capacity - 1) bytes")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)

        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw SystemdNotifyError(code: .socket, message: "cannot create a datagram socket: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let payload = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                payload.withUnsafeBytes { bytes in
                    sendto(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        guard sent == payload.count else {
            throw SystemdNotifyError(code: .send, message: "cannot send to NOTIFY_SOCKET \(socketPath): \(String(cString: strerror(errno)))")
        }
    }
}

/// A notification could not be sent.
public struct SystemdNotifyError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Code: String, Sendable {
        /// The socket path does not fit a `sockaddr_un`.
        case addressTooLong = "address_too_long"
        /// No socket could be made.
        case socket
        /// `sendto` failed.
        case send
    }
    /// What failed.
    public var code: Code
    /// Why, for this socket.
    public var message: String
    /// The message.
    public var description: String { message }
}
