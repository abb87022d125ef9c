/// A `HOST:PORT` pair to listen on (`[::1]:8080` for IPv6).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Host name or IP address, without brackets.
    public var host: String
    /// Port number; 0 lets the kernel pick one.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) { self.host = host; self.port = port }

    /// Parses `HOST:PORT`; the error message says what is wrong with `text`.
    public static func parse(_ text: String) -> Result<ListenAddress, ListenAddressError> {
        let host: Substring
        let portText: Substring
        if text.contains("://") {
            return .failure(ListenAddressError(text: text, reason: "it is HOST:PORT without a scheme (e.g. 127.0.0.1:8080); "
                + "the URL people open goes in public_url"))
        }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"),
                  text[text.index(after: close)...].hasPrefix(":") else {
                return .failure(ListenAddressError(text: text, reason: "an IPv6 address needs the form [ADDRESS]:PORT"))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                return .failure(ListenAddressError(text: text, reason: "it has no ':PORT' (expected HOST:PORT, e.g. 127.0.0.1:8080)"))
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") {
                return .failure(ListenAddressError(text: text, reason: "write an IPv6 address in brackets, e.g. [::1]:8080"))
            }
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else {
            return .failure(ListenAddressError(text: text, reason: "the host is empty or not a host name"))
        }
        // Digits only: Int takes a sign, and "+80" is no port anyone writes on purpose.
        guard portText.allSatisfy({ ("0"..."9").contains($0) }), let port = Int(portText), (0...65535).contains(port) else {
            return .failure(ListenAddressError(text: text, reason: "the port '\(ListenAddressError.quoted(portText))' is not a number from 0 to 65535"))
        }
        return .success(ListenAddress(host: String(host), port: port))
    }

    /// `host:port`, bracketing IPv6 hosts.
    public var description: String { ListenAddress.format(host: host, port: port) }

    /// `host:port`, bracketing IPv6 hosts.
    public static func format(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A listen address that could not be parsed.
public struct ListenAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text given.
    public var text: String
    /// What is wrong with it.
    public var reason: String
    /// `"nohost" is not HOST:PORT: …`.
    public var description: String { "\"\(Self.quoted(text))\" is not HOST:PORT: \(reason)" }

    /// `text` as an error message repeats it: its first 100 characters and "…" past them (a
    /// 100,000-character value was echoed whole into the journal).
    static func quoted(_ text: some StringProtocol) -> String {
        text.count > 100 ? String(text.prefix(100)) + "…" : String(text)
    }
}

extension ListenAddress {
    /// The origin (`scheme://host[:port]`) of an http(s) URL, or nil when it has none.
    public static func originOfURL(_ url: String) -> String? { OriginText.origin(ofURL: url) }

    /// `scheme://host:port`, bracketing IPv6 hosts, without the port when it is the scheme's
    /// default (https 443, http 80), the way a browser writes the origin.
    public static func origin(scheme: String, host: String, port: Int) -> String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return scheme + "://" + (port == OriginText.defaultPort(of: scheme) ? bracketed : format(host: host, port: port))
    }
}
