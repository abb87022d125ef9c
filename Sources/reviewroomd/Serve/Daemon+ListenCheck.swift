import Glibc
import ReviewRoomServer
import WebSocketTransport

extension Daemon {
    /// Why this run cannot listen, asked before the store is opened so that a start that cannot
    /// serve leaves the data directory as it found it (it used to create an empty database
    /// first, which then hid the "new, empty database" notice of a mistyped `data_dir`): the
    /// ``ListenProbe`` reason for `listen`, or what is wrong with the socket systemd passed
    /// instead (`inheritedListener`, fd 3), or the reason for `metrics_listen`; nil when all
    /// can be served now. A port taken between this check and the transport's start is still
    /// refused there.
    func listenRefusal(inheritedListener: Int32?) -> String? {
        if let inheritedListener {
            if let problem = ListeningSocket.inheritedProblem(fd: inheritedListener) {
                return "cannot listen on the socket systemd passed (LISTEN_FDS, fd \(inheritedListener)): \(problem)"
            }
        } else if let reason = Self.bindReason(configuration.listen) {
            return "cannot listen on \(configuration.listen): \(reason)"
        }
        if let metricsListen = configuration.metricsListen, let reason = Self.bindReason(metricsListen, metrics: true) {
            return "cannot listen on metrics_listen \(metricsListen): \(reason)"
        }
        return nil
    }

    /// Why `address` cannot be bound (``ListenProbe``), or nil when it can or its host is not
    /// numeric; `metrics` when it is `metrics_listen`'s.
    static func bindReason(_ address: ListenAddress, metrics: Bool = false) -> String? {
        guard let host = try? numericHost(of: address, key: nil) else { return nil }
        return ListenProbe.reason(host: host, port: address.port, metrics: metrics)
    }
}
