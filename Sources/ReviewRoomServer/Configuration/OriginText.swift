/// Checks and normalizes the URL and origin strings of the configuration (no I/O).
enum OriginText {
    /// `scheme://host[:port]` in lower case, or nil when `text` is not an http(s) origin. The
    /// scheme's default port (https 443, http 80) is dropped: a browser's `Origin` never has it.
    static func normalizedOrigin(_ text: String) -> String? {
        guard let (scheme, rest) = splitScheme(text),
              let authority = normalizedAuthority(rest, scheme: scheme) else { return nil }
        return scheme + "://" + authority.lowercased()
    }

    /// The URL without a trailing slash and without its scheme's default port, or nil when it is
    /// not http(s) with a host, or has a query or fragment (links are built by appending paths).
    static func normalizedURL(_ text: String) -> String? {
        // Invite links are this URL + "/join#token": whitespace or a control character would
        // break them wherever they are pasted.
        guard !text.contains("?"), !text.contains("#"),
              !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        else { return nil }
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let (scheme, rest) = splitScheme(trimmed) else { return nil }
        let authority = rest.prefix { $0 != "/" }
        guard let kept = normalizedAuthority(String(authority), scheme: scheme) else { return nil }
        return scheme + "://" + kept + rest.dropFirst(authority.count)
    }

    /// `host[:port]` as written but without the scheme's default port, the port as a browser
    /// writes it (`08443` is `8443`), or nil when it is not one. A port is digits only: `+8443`
    /// is no port to a browser, and kept as written it made links and an origin nobody matches.
    private static func normalizedAuthority(_ rest: String, scheme: String) -> String? {
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("?"), !rest.contains("#"), !rest.contains("@"),
              !rest.hasPrefix(":"), !rest.contains(" ") else { return nil }
        guard let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") else { return isHost(Substring(rest)) ? rest : nil }
        let digits = rest[rest.index(after: colon)...]
        guard isHost(rest[..<colon]), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(digits), (1...65535).contains(port) else { return nil }
        return port == defaultPort(of: scheme) ? String(rest[..<colon]) : "\(rest[..<colon]):\(port)"
    }

    /// Whether `host` is one a browser can put in an `Origin`: a name of ASCII letters, digits,
    /// `-`, `_` and `.` (browsers send internationalized names in punycode), or a bracketed IPv6
    /// address. Origins are compared exactly, so a wildcard such as `https://*.school.example`
    /// would match nothing at all: it is refused rather than silently never allowing anyone.
    private static func isHost(_ host: Substring) -> Bool {
        if host.hasPrefix("[") {
            return host.count > 2 && host.hasSuffix("]")
                && host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return !host.isEmpty && host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// 443 for https, 80 for http.
    static func defaultPort(of scheme: String) -> Int { scheme == "https" ? 443 : 80 }

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
