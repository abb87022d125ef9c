/// When a silent WebSocket connection is pinged and when it is dropped: a pure decision the
/// service thread carries out on its sweep (``ServiceCore``'s idle sweep).
///
/// A connection is "heard" whenever a frame of it arrives (a message, a pong). Silent for
/// ``pingNanoseconds`` it is sent one WebSocket ping; silent for ``hangupNanoseconds`` it is
/// dropped, so a peer whose network vanished without closing anything is noticed. Every
/// browser, and every WebSocket library the protocol's clients use, answers pings by itself.
struct IdlePolicy: Sendable, Equatable {
    /// What the sweep does with one connection.
    enum Action: Equatable {
        /// Nothing yet.
        case none
        /// Send a ping (once per silence).
        case ping
        /// Drop the connection (no close handshake: the peer is not answering).
        case drop
    }

    /// Silence before the ping, ns.
    let pingNanoseconds: UInt64
    /// Silence before the connection is dropped, ns.
    let hangupNanoseconds: UInt64

    /// A policy of `pingSeconds` (at least 1) and `hangupSeconds` (at least one more).
    init(pingSeconds: Int, hangupSeconds: Int) {
        let ping = max(1, pingSeconds)
        let hangup = max(ping + 1, hangupSeconds)
        pingNanoseconds = UInt64(ping) * 1_000_000_000
        hangupNanoseconds = UInt64(hangup) * 1_000_000_000
    }

    /// What to do at `now` with a connection last heard at `lastHeard`, already pinged since
    /// then or not.
    func action(now: UInt64, lastHeard: UInt64, pingedSinceHeard: Bool) -> Action {
        let silence = now > lastHeard ? now - lastHeard : 0
        if silence >= hangupNanoseconds { return .drop }
        if silence >= pingNanoseconds && !pingedSinceHeard { return .ping }
        return .none
    }
}
