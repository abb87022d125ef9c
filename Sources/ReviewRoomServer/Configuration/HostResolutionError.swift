/// A listen host that does not resolve to an address.
public struct HostResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The host as written.
    public var host: String
    /// Why it does not resolve (`getaddrinfo`'s words).
    public var reason: String

    /// Creates an error.
    public init(host: String, reason: String) { self.host = host; self.reason = reason }

    /// `the host "lo" does not resolve (…): write an IP address or a name this machine resolves`.
    public var description: String {
        "the host \"\(host)\" does not resolve (\(reason)): write an IP address (127.0.0.1, 0.0.0.0, [::]) "
            + "or a host name this machine resolves (an interface name is not accepted)"
    }
}
