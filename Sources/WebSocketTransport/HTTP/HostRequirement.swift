/// RFC 9112 §3.2: a server must answer 400 to an HTTP/1.1 request without a `Host` header, and
/// to one with more than one (lws joins repeated headers with a comma, which no valid host
/// contains). HTTP/1.0 may leave it out; HTTP/2 carries `:authority` instead.
enum HostRequirement {
    /// The refusal of a request whose request line says `version` (`HTTP/1.1`, as lws keeps it;
    /// nil over HTTP/2) and whose `Host` header is `host`, or nil when it may be served.
    static func refusal(version: String?, host: String?) -> HTTPRefusal? {
        if let host {
            guard host.contains(",") else { return nil }
            return HTTPRefusal(status: 400, detail: "the request has more than one Host header (RFC 9112 §3.2)")
        }
        guard let version, requiresHost(version) else { return nil }
        return HTTPRefusal(status: 400, detail: "an \(version) request must have a Host header (RFC 9112 §3.2)")
    }

    /// Whether `version` is HTTP/1.1 or a later 1.x (lws parses `HTTP/1.x` only).
    static func requiresHost(_ version: String) -> Bool {
        let bytes = Array(version.utf8)
        guard bytes.count >= 8, version.uppercased().hasPrefix("HTTP/1.") else { return false }
        return bytes[7] != UInt8(ascii: "0")
    }
}
