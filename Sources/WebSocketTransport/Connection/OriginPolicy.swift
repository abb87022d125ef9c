import Foundation

/// Decides whether a WebSocket upgrade's `Origin` header is acceptable.
///
/// Pure. A browser always sends `Origin`; a request without one comes from a non-browser
/// client and is allowed (PROTOCOL §3.5). Comparison ignores ASCII case, a trailing `/` and the
/// scheme's default port (``normalise(_:)``).
struct OriginPolicy: Sendable {
    private let allowed: Set<String>

    /// Accepts exactly `origins` (normalised).
    init(origins: [String]) {
        allowed = Set(origins.map(Self.normalise))
    }

    /// True when `origin` (the header value, or nil when absent) may upgrade.
    func permits(_ origin: String?) -> Bool {
        guard let origin else { return true }
        return allowed.contains(Self.normalise(origin))
    }

    /// The origins a browser uses for the bound address itself. The loopback names are among
    /// them only when the daemon answers on loopback (bound to a loopback or a wildcard
    /// address): bound to a LAN address alone, `http://localhost:PORT` in a browser is whatever
    /// else runs on the browser's own machine, not this daemon.
    static func boundOrigins(host: String, port: Int, tls: Bool) -> [String] {
        let scheme = tls ? "https" : "http"
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let wildcard = bare.isEmpty || bare == "0.0.0.0" || bare == "::"
        var hosts = wildcard || isLoopback(bare) ? ["127.0.0.1", "localhost", "[::1]"] : []
        if !wildcard {
            hosts.append(bare.contains(":") ? "[\(bare)]" : bare)
        }
        let defaultPort = tls ? 443 : 80
        return hosts.flatMap { h -> [String] in
            let withPort = "\(scheme)://\(h):\(port)"
            return port == defaultPort ? [withPort, "\(scheme)://\(h)"] : [withPort]
        }
    }

    /// Whether `host` (without brackets) names this machine's loopback interface.
    private static func isLoopback(_ host: String) -> Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered.hasPrefix("127.")
    }

    /// The origin in lower case, without a trailing `/` and without its scheme's default port
    /// (`https://a.example:443` is `https://a.example`, as a browser sends it; likewise http 80,
    /// wss 443, ws 80), so configuration and header compare equal whichever way either is written.
    static func normalise(_ origin: String) -> String {
        var text = origin.trimmingCharacters(in: .whitespaces).lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        guard let separator = text.range(of: "://") else { return text }
        let defaultPort: String
        switch text[..<separator.lowerBound] {
        case "https", "wss": defaultPort = ":443"
        case "http", "ws": defaultPort = ":80"
        default: return text
        }
        let authority = text[separator.upperBound...]
        // "[::1]:443" ends with the port; "[::443]" ends with "]" and keeps its last group.
        guard authority.hasSuffix(defaultPort), authority.count > defaultPort.count else { return text }
        return String(text.dropLast(defaultPort.count))
    }
}
