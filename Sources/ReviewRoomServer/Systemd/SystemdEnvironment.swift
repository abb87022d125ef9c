import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What systemd tells a service through its environment (sd_listen_fds(3), sd_watchdog_enabled(3)).
public enum SystemdEnvironment {
    /// The first inherited listening socket (fd 3) when `LISTEN_FDS` ≥ 1 and `LISTEN_PID` is
    /// `pid` (or unset); nil otherwise.
    public static func inheritedListener(environment: [String: String], pid: Int32) -> Int32? {
        guard let count = environment["LISTEN_FDS"].flatMap({ Int($0) }), count >= 1 else { return nil }
        if let listenPID = environment["LISTEN_PID"], Int32(listenPID) != pid { return nil }
        return 3
    }

    /// A warning when systemd handed over more listening sockets than the one served (fd 3), as a
    /// socket unit with two `ListenStream=` does: the kernel accepts connections to the others
    /// and nobody ever answers them. Nil for one socket, or none of ours.
    public static func unservedListenersWarning(environment: [String: String], pid: Int32) -> String? {
        guard inheritedListener(environment: environment, pid: pid) != nil,
              let count = environment["LISTEN_FDS"].flatMap({ Int($0) }), count > 1 else { return nil }
        return "socket activation handed over \(count) sockets (LISTEN_FDS=\(count)): only the first (fd 3) is served, "
            + "and connections to the other \(count - 1) are never answered: give reviewroomd.socket a single ListenStream= "
            + "(a drop-in that changes the address starts with an empty ListenStream=)"
    }

    /// Removes the socket-activation variables so child processes do not take the fds as theirs.
    public static func forgetInheritedListeners() {
        unsetenv("LISTEN_FDS"); unsetenv("LISTEN_PID"); unsetenv("LISTEN_FDNAMES")
    }

    /// How often to send `WATCHDOG=1`: half of `WATCHDOG_USEC`, when it is set and
    /// `WATCHDOG_PID` (if set) is `pid`; nil when the watchdog is off.
    public static func watchdogInterval(environment: [String: String], pid: Int32) -> Duration? {
        guard let usec = environment["WATCHDOG_USEC"].flatMap({ UInt64($0) }), usec > 0 else { return nil }
        if let watchdogPID = environment["WATCHDOG_PID"], Int32(watchdogPID) != pid { return nil }
        return .microseconds(Int64(clamping: usec / 2))
    }

    /// A warning when `WATCHDOG_USEC` is set but is no positive number of microseconds (a
    /// drop-in's typo, `Environment=WATCHDOG_USEC=30s`): the watchdog is then off, which
    /// nothing said. Nil when it is unset or well formed.
    public static func watchdogProblem(environment: [String: String]) -> String? {
        guard let text = environment["WATCHDOG_USEC"], UInt64(text).map({ $0 == 0 }) ?? true else { return nil }
        return "WATCHDOG_USEC=\(text) is not a positive whole number of microseconds, so the watchdog is off: "
            + "set WatchdogSec= in the unit instead of WATCHDOG_USEC"
    }

    /// The address a listening socket is bound to (`host`, `port`), from `getsockname`.
    public static func boundAddress(of fd: Int32) -> (host: String, port: Int)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let status = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count),
                            NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard status == 0, let port = Int(text(service)) else { return nil }
        return (text(host), port)
    }

    private static func text(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
