import Glibc

/// Why an address cannot be listened on. libwebsockets only logs the `bind` errno ("ERROR on
/// binding fd 16 to port 8080 (-1 98)"), so after a failed start the daemon binds a plain socket
/// the same way (`SO_REUSEADDR`, as lws does) to name the cause and what to do about it.
enum ListenProbe {
    /// The cause for numeric `host` (IPv4 or IPv6) and `port`, or nil when binding works now
    /// (or the host is not numeric).
    static func reason(host: String, port: Int) -> String? {
        guard let errorNumber = bindError(host: host, port: port) else { return nil }
        switch errorNumber {
        case EADDRINUSE:
            return "port \(port) is already in use by another process (`ss -ltnp 'sport = :\(port)'` shows which): "
                + "stop it, or choose another port (listen = \"HOST:PORT\" in the configuration, --listen HOST:PORT, "
                + "or from the source tree make run LISTEN=127.0.0.1:8081)"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine (`ip -brief address` lists them; 0.0.0.0 or [::] means all)"
        case EACCES:
            return "port \(port) is below 1024, which needs root or CAP_NET_BIND_SERVICE: use a port from 1024 up, "
                + "or socket activation (reviewroomd.socket holds the port for the daemon)"
        default:
            return "bind failed: \(String(cString: strerror(errorNumber)))"
        }
    }

    /// The errno of binding a fresh socket to `host:port`, or nil when it binds (or cannot be tried).
    private static func bindError(host: String, port: Int) -> Int32? {
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
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = family == AF_INET
            ? withUnsafePointer(to: &v4) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            : withUnsafePointer(to: &v6) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        return bound == 0 ? nil : errno
    }
}
