/// Checks and normalizes the URL and origin strings of the configuration (no I/O).
enum OriginText {
    /// `scheme://host[:port]` in lower case, or nil when `text` is not an http(s) origin.
    static func normalizedOrigin(_ text: String) -> String? {
        guard let (scheme, rest) = splitScheme(text), !rest.isEmpty,
              !rest.contains("/"), !rest.contains("?"), !rest.contains("#"), !rest.contains("@"),
              !rest.hasPrefix(":"), !rest.contains(" ") else { return nil }
        if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
            guard let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        }
        return scheme + "://" + rest.lowercased()
    }

    /// The URL without a trailing slash, or nil when it is not http(s) with a host.
    static func normalizedURL(_ text: String) -> String? {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let (scheme, rest) = splitScheme(trimmed) else { return nil }
        let authority = rest.prefix { $0 != "/" }
        guard normalizedOrigin(scheme + "://" + authority) != nil else { return nil }
        return trimmed
    }

    /// The origin part (`scheme://host[:port]`) of a URL that ``normalizedURL(_:)`` accepted.
    static func origin(ofURL url: String) -> String? {
        guard let (scheme, rest) = splitScheme(url) else { return nil }
        return normalizedOrigin(scheme + "://" + rest.prefix { $0 != "/" })
    }

    private static func splitScheme(_ text: String) -> (String, String)? {
        for scheme in ["http", "https"] where text.lowercased().hasPrefix(scheme + "://") {
            return (scheme, String(text.dropFirst(scheme.count + 3)))
        }
        return nil
    }
}
