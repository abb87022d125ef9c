extension DaemonConfiguration {
    /// What loads but will not work as meant, for `check-config` to print (never an error: the
    /// daemon still starts); `serve` logs ``warnings(listenHost:port:)`` for the address it bound.
    public var warnings: [String] {
        warnings(listenHost: listen.host, port: listen.port)
    }

    /// ``warnings`` for a daemon listening on `listenHost`:`port`, the address as bound: `listen`
    /// port 0 picks one, and under systemd the socket unit's address is the one served.
    public func warnings(listenHost: String, port: Int) -> [String] {
        [
            Self.publicURLWarning(listenHost: listenHost, port: port, publicURL: publicURL),
            Self.outboxWarning(outboxLimitBytes: outboxLimitBytes, maxNoteUnits: maxNoteUnits),
            Self.schemeWarning(tls: tlsCertificatePath != nil, listenPort: port, publicURL: publicURL),
        ].compactMap { $0 }
    }

    /// The warning for a `public_url` on the daemon's own port with the other scheme than it
    /// serves (`http://…:8443` while `tls_cert` is set, or `https://…:8080` without it): every
    /// invite link would fail. Another port is a proxy's, whose scheme is its own.
    public static func schemeWarning(tls: Bool, listenPort: Int, publicURL: String?) -> String? {
        guard let publicURL, let origin = OriginText.origin(ofURL: publicURL) else { return nil }
        let https = origin.hasPrefix("https://")
        guard https != tls else { return nil }
        let port = origin.split(separator: ":").last.flatMap { Int($0) } ?? OriginText.defaultPort(of: https ? "https" : "http")
        guard port == listenPort else { return nil }
        return "public_url \(publicURL) is \(https ? "https" : "http") on port \(port), which this daemon serves with "
            + (tls ? "TLS (tls_cert is set)" : "plain HTTP (tls_cert is not set)") + ": invite links would not open; "
            + "write public_url with \(tls ? "https" : "http")://, or put a proxy of that scheme on another port"
    }

    /// The warning for an `outbox_limit_bytes` below what one full note takes on the wire. A
    /// frame larger than the limit is still sent whole when nothing waits ahead of it, but a
    /// `note.get` reply or a welcome queued behind other messages would close the connection
    /// with 4029, again after each reconnect. Only a warning: a small limit is how one tests
    /// slow readers, and it is harmless while notes stay short. Nil when there is nothing to say.
    public static func outboxWarning(outboxLimitBytes: Int, maxNoteUnits: Int) -> String? {
        let floor = smallestOutbox(maxNoteUnits: maxNoteUnits)
        guard outboxLimitBytes < floor else { return nil }
        return "outbox_limit_bytes \(outboxLimitBytes) is less than one full note takes on the wire (3 bytes per unit "
            + "of max_note_units \(maxNoteUnits), plus 65536 for the rest of a welcome: \(floor)): a long note sent "
            + "behind other messages would close the connection with 4029 again and again; set at least \(floor), "
            + "or lower max_note_units"
    }

    /// The smallest `outbox_limit_bytes` that holds a welcome with one full note: UTF-8 takes up
    /// to 3 bytes per UTF-16 unit (a surrogate pair's 4 bytes are 2 per unit), plus 64 KiB for
    /// the agenda, deck and participants.
    static func smallestOutbox(maxNoteUnits: Int) -> Int {
        let (product, overflow) = maxNoteUnits.multipliedReportingOverflow(by: 3)
        return overflow ? Int.max : product.addingReportingOverflow(65_536).overflow ? Int.max : product + 65_536
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
