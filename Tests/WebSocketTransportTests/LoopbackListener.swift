import Glibc
import ReviewRoomTesting

/// A listening TCP socket on a free loopback port, for test peers that serve one connection.
enum LoopbackListener {
    /// Opens the socket (backlog 1) and returns its descriptor and port; `owner` names the peer in errors.
    static func open(for owner: String) throws -> (fd: Int32, port: Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else { throw HarnessError("\(owner): socket failed, errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(listener, raw, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, raw, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(listener)
            throw HarnessError("\(owner): could not listen on a loopback port, errno \(errno)")
        }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }
}
