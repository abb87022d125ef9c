import Logging
import WebSocketTransport

/// The client a log line names for a request: its TCP peer, or, behind a reverse proxy on this
/// machine, the address that proxy saw.
///
/// Behind the shipped nginx or Apache configuration every request comes from 127.0.0.1, so the
/// two lines that name a client (a refused API token, a plain request to `/ws` whose upgrade a
/// web filter dropped) named the proxy, and school IT could not tell whose network was at fault
/// (a Deploy audit). Both configurations append the peer they saw to `X-Forwarded-For`; only a
/// loopback peer's header is believed (anyone else could write one), and only its last entry,
/// the one the proxy wrote (earlier ones are what the client itself sent).
public struct ClientAddress: Equatable, Sendable {
    /// The client's address as far as it can be known.
    public var remote: String
    /// The proxy's own address when `remote` came from its `X-Forwarded-For`, else nil.
    public var proxy: String?

    /// The client of `request`.
    public init(of request: HTTPRequest) {
        self.init(peer: request.remoteAddress, forwardedFor: request.headers["x-forwarded-for"])
    }

    /// The client of a request from `peer` with `X-Forwarded-For: forwardedFor` (nil: none).
    public init(peer: String, forwardedFor: String?) {
        guard MetricsEndpoint.isLoopback(peer), let forwardedFor,
              let entry = forwardedFor.split(separator: ",", omittingEmptySubsequences: false).last,
              case let last = String(entry.filter { $0 != " " && $0 != "\t" }), Self.looksLikeAnAddress(last) else {
            self.remote = peer
            self.proxy = nil
            return
        }
        self.remote = last
        self.proxy = peer
    }

    /// The log line's metadata: `remote`, and `proxy` when there was one.
    public var metadata: Logger.Metadata {
        proxy.map { ["remote": "\(remote)", "proxy": "\($0)"] } ?? ["remote": "\(remote)"]
    }

    /// An IPv4 or IPv6 address as a proxy writes one (hex digits, dots, colons, an IPv6
    /// literal's brackets, a port): anything else, a name or a forged line, is not logged as one.
    private static func looksLikeAnAddress(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy { $0.properties.isASCIIHexDigit || ".:[]".unicodeScalars.contains($0) }
    }
}
