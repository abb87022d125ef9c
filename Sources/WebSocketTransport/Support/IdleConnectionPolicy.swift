import CLibWebSockets

/// lws's "validity" policy for WebSocket connections, kept alive as long as the lws context
/// (lws 4.1.6 keeps the pointer it is given): a connection that has not answered a WebSocket
/// ping for ``pingSeconds`` (or since it opened) is pinged, and one that still has not answered
/// ``hangupSeconds`` after its last answer is dropped.
///
/// Without it lws pings after 300 s and hangs up after 310 s: a reviewer whose Wi-Fi vanished
/// without closing anything would stay "online" for the others for over five minutes. Every
/// browser, and every WebSocket library the protocol's clients use, answers pings by itself.
final class IdleConnectionPolicy {
    /// The struct handed to `lws_context_creation_info.retry_and_idle_policy`.
    let pointer: UnsafeMutablePointer<lws_retry_bo_t>
    /// Seconds of silence (no pong since the last one, or since opening) before a ping.
    let pingSeconds: Int
    /// Seconds after the last pong (or the opening) before the connection is dropped.
    let hangupSeconds: Int

    /// A policy of `pingSeconds` (at least 1) and `hangupSeconds` (at least one more than the
    /// ping; lws asserts it is larger), both capped to lws's 16-bit fields.
    init(pingSeconds: Int, hangupSeconds: Int) {
        let ping = min(max(1, pingSeconds), Int(UInt16.max) - 1)
        let hangup = min(max(ping + 1, hangupSeconds), Int(UInt16.max))
        self.pingSeconds = ping
        self.hangupSeconds = hangup
        pointer = .allocate(capacity: 1)
        var policy = lws_retry_bo_t()
        policy.secs_since_valid_ping = UInt16(ping)
        policy.secs_since_valid_hangup = UInt16(hangup)
        pointer.initialize(to: policy)
    }

    deinit {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
