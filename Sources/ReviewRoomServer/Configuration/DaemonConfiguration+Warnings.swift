extension DaemonConfiguration {
    /// What loads but will not work as meant, for `check-config` to print and `serve` to log
    /// (never an error: the daemon still starts).
    public var warnings: [String] {
        [Self.publicURLWarning(listenHost: listen.host, port: listen.port, publicURL: publicURL)].compactMap { $0 }
    }

    /// The warning for a wildcard listen address (`0.0.0.0`, `[::]`) without `public_url`: the
    /// daemon's links would then name the wildcard, which no browser can open, and no browser's
    /// `Origin` would be the daemon's own. Nil when there is nothing to say.
    public static func publicURLWarning(listenHost: String, port: Int, publicURL: String?) -> String? {
        guard publicURL == nil, HostResolution.isWildcard(listenHost) else { return nil }
        let address = ListenAddress.format(host: listenHost, port: port)
        return "listen is \(address) (every interface) but public_url is not set: invite links would read "
            + "http://\(address)/join#…, which no browser can open, and browsers reaching this machine by its "
            + "name or address are refused as a foreign Origin; set public_url to the URL people use "
            + "(e.g. http://review.school.example:\(port))"
    }
}
