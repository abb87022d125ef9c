import Foundation

extension ServiceCore {
    /// Why listening on `host` (an IP address) would silently listen elsewhere, or nil.
    ///
    /// lws 4.1.6 finds the address it binds with getifaddrs(3), which opens a netlink socket;
    /// when that fails (a sandbox without `AF_NETLINK`, such as systemd's
    /// `RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6`) it logs an error and binds the
    /// wildcard address, every interface, so a daemon meant for loopback only is reachable from
    /// the network. A wildcard `host` loses nothing by that, so only other hosts are refused.
    static func interfaceLookupFailure(host: String, port: Int, listener: String) -> String? {
        guard !["0.0.0.0", "::", "[::]"].contains(host) else { return nil }
        var addresses: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&addresses) != 0 else {
            freeifaddrs(addresses)
            return nil
        }
        let cause = String(cString: strerror(errno))
        return "could not listen on \(host):\(port)\(listener): getifaddrs failed (\(cause)), and libwebsockets "
            + "would then listen on every interface instead; under systemd, allow AF_NETLINK "
            + "(RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK, as Deploy/reviewroomd.service does)"
    }
}
