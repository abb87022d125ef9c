/// Headers every HTTP response carries (PROTOCOL.md §2).
///
/// The daemon gives them to the transport as `TransportConfiguration.responseHeaders`,
/// libwebsockets' canned vhost headers: so they reach, exactly once, every answer — the
/// responders' (which do not add them), the transport's refusals, and the error pages lws 4.1.6
/// writes itself (its HTML 403 for a bad percent escape or an unknown method).
public enum SecurityHeaders {
    /// The pairs, in the order they are written.
    public static let all: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
    ]
}
