#if canImport(Glibc)
import Glibc
#endif
import WebSocketTransport

/// `GET /metrics` on the main port: the Prometheus text, for loopback clients only.
///
/// A request from any other address — or one that came through a proxy (any of
/// ``proxyHeaders``: `X-Forwarded-For`, RFC 7239 `Forwarded`, nginx's `X-Real-IP`, `X-Forwarded-Proto`,
/// `X-Forwarded-Host`, `Via`), whose real
/// client may be anywhere — or whose `Host` names neither an address nor this machine
/// (``isLocalHostHeader(_:machineName:)``) — gets the same 404 as an unknown path, so the page is
/// not advertised. Scrapers on other hosts use `metrics_listen`, a second address that serves only
/// `/metrics` to any client (``MetricsListenerResponder``).
public enum MetricsEndpoint {
    /// The response to `request` for `/metrics`.
    public static func response(metrics: Metrics?, request: HTTPRequest) -> HTTPResponseBuilder {
        guard let metrics, isLoopback(request.remoteAddress), !proxyHeaders.contains(where: { request.headers[$0] != nil }),
              isLocalHostHeader(request.headers["host"], machineName: machineName) else {
            return ProblemDetails(title: "Not Found", status: 404, detail: "nothing is served at /metrics").response()
        }
        return HTTPResponseBuilder(status: 200, contentType: Metrics.contentType, body: Array(metrics.exposition().utf8))
    }

    /// Request headers a reverse proxy adds to name the client it forwards, or to say it
    /// forwarded the request at all (lower-case): a loopback request carrying any of them is not
    /// from this host. A proxy set up to send only `X-Forwarded-Proto` (a common nginx snippet)
    /// must not expose the page either.
    public static let proxyHeaders = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-proto", "x-forwarded-host", "via"]

    /// Whether a loopback request's `Host` header (nil: none, as HTTP/1.0 allows) may be answered:
    /// an IPv4 or bracketed IPv6 literal, `localhost` or a name under `.localhost`, or this
    /// machine's own name (`machineName`, with or without its domain), with any port.
    ///
    /// A page on another site whose name an attacker made resolve to 127.0.0.1 (DNS rebinding)
    /// reaches the main port from loopback, but its requests carry that site's name.
    public static func isLocalHostHeader(_ host: String?, machineName: String) -> Bool {
        guard let host else { return true }
        let lowered = host.lowercased()
        if lowered.hasPrefix("[") {
            // An IPv6 literal (hex digits, colons, dots; a zone after `%25`), then a port or nothing.
            guard let close = lowered.firstIndex(of: "]") else { return false }
            let literal = lowered[lowered.index(after: lowered.startIndex)..<close]
            let allowed = Set("0123456789abcdef:.%")
            return literal.contains(":") && literal.prefix { $0 != "%" }.allSatisfy(allowed.contains)
                && isPortOrNothing(lowered[lowered.index(after: close)...])
        }
        let parts = lowered.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 1 || isPortOrNothing(":" + parts[1]) else { return false }
        let name = parts.first.map(String.init) ?? ""
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4, labels.allSatisfy({ UInt8($0) != nil }) { return true }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        let machine = machineName.lowercased()
        guard !machine.isEmpty, !name.isEmpty else { return false }
        // Only the domain this machine knows it is in: "srv" does not vouch for "srv.evil.example".
        return name == machine || machine.hasPrefix(name + ".")
    }

    /// Whether what follows the host in a `Host` header is empty or `:` and a port's digits
    /// (RFC 3986 lets them be none).
    private static func isPortOrNothing(_ rest: Substring) -> Bool {
        rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy { ("0"..."9").contains($0) })
    }

    /// This machine's name (`gethostname`), read once.
    static let machineName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// Whether `address` (IP text) is a loopback address: `127.0.0.0/8`, `::1`, or `::ffff:127.x.y.z`.
    public static func isLoopback(_ address: String) -> Bool {
        let lowered = address.lowercased()
        if lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let v4 = lowered.hasPrefix("::ffff:") ? String(lowered.dropFirst(7)) : lowered
        let octets = v4.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
