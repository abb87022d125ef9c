import Glibc
import WebSocketTransport

/// Why an address cannot be listened on. The transport's start failure says only "in use or not
/// local", so after a failed start the daemon binds a socket the same way
/// (``ListeningSocket/bind(host:port:nonBlocking:)``) to name the cause and what to do about it.
enum ListenProbe {
    /// The cause for numeric `host` (IPv4 or IPv6) and `port`, or nil when binding works now
    /// (or the host is not numeric). `metrics` says the address is `metrics_listen`'s, whose
    /// port is changed with its own key.
    static func reason(host: String, port: Int, metrics: Bool = false) -> String? {
        guard let errorNumber = bindError(host: host, port: port) else { return nil }
        switch errorNumber {
        case EADDRINUSE:
            let ways = metrics ? "metrics_listen = \"HOST:PORT\" in the configuration, or REVIEWROOM_METRICS_LISTEN=HOST:PORT"
                : "listen = \"HOST:PORT\" in the configuration, --listen HOST:PORT, or from the source tree make run LISTEN=127.0.0.1:8081"
            return "port \(port) is already in use by another process (`ss -ltnp 'sport = :\(port)'` shows which): "
                + "stop it, or choose another port (\(ways))"
        case EADDRNOTAVAIL:
            return "\(host) is not an address of this machine (`ip -brief address` lists them; 0.0.0.0 or [::] means all)"
        case EACCES:
            return "port \(port) is below 1024, which needs root or CAP_NET_BIND_SERVICE: use a port from 1024 up, "
                + "or socket activation (reviewroomd.socket holds the port for the daemon)"
        default:
            return "bind failed: \(String(cString: strerror(errorNumber)))"
        }
    }

    /// The errno of binding a fresh socket to `host:port` as the transport does, or nil when it
    /// binds (or cannot be tried).
    private static func bindError(host: String, port: Int) -> Int32? {
        switch ListeningSocket.bind(host: host, port: port) {
        case .success(let fd)?:
            close(fd)
            return nil
        case .failure(let failure)?:
            return failure.errorNumber
        case nil:
            return nil
        }
    }
}
