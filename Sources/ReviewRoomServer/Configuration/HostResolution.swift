#if canImport(Glibc)
import Glibc
#endif

/// Turns the host of a `listen` or `metrics_listen` address into the numeric address the daemon
/// binds: an IP address is kept as written; a host name (`localhost`, the machine's own name) is
/// looked up once with `getaddrinfo` and its first IPv4 address is used (its first IPv6 address
/// when it has none). libwebsockets takes any other text for an interface name and, when there is
/// no such interface, silently opens no socket, so nothing else may reach it.
public enum HostResolution {
    /// The numeric address for `host` (without brackets), or why there is none.
    public static func numericHost(_ host: String) -> Result<String, HostResolutionError> {
        if isNumeric(host) { return .success(host) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let list else {
            return .failure(HostResolutionError(host: host, reason: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(list) }
        var addresses: [(family: Int32, text: String)] = []
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if let text = numericText(current.pointee) { addresses.append((current.pointee.ai_family, text)) }
            entry = current.pointee.ai_next
        }
        guard let chosen = addresses.first(where: { $0.family == AF_INET }) ?? addresses.first(where: { $0.family == AF_INET6 }) else {
            return .failure(HostResolutionError(host: host, reason: "it has no IPv4 or IPv6 address"))
        }
        return .success(chosen.text)
    }

    /// True when `host` is an IPv4 or IPv6 address (no name, no interface).
    public static func isNumeric(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }

    /// True for the addresses that mean "every interface" (`0.0.0.0`, `::`).
    /// IPv4 is read as `getaddrinfo` reads it when `serve` binds (`inet_aton`), so `0` and
    /// `0x0`, which bind every interface, count too.
    public static func isWildcard(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_aton(host, &v4) != 0 { return v4.s_addr == 0 }
        var v6 = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET6, host, &v6) == 1 && v6.allSatisfy { $0 == 0 }
    }

    private static func numericText(_ info: addrinfo) -> String? {
        guard let address = info.ai_addr, info.ai_family == AF_INET || info.ai_family == AF_INET6 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, info.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
