/// Headers every HTTP response carries (PROTOCOL.md §2).
public enum SecurityHeaders {
    /// The pairs, in the order they are written.
    public static let all: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
    ]
}
