/// How a WebSocket connection ended, for its owner's log line once it is gone
/// (``WebSocketConnection/ending``): who closed it, with which close code, or that the
/// network did.
///
/// School IT reads it to tell a reviewer who closed the tab from one whose Wi-Fi keeps
/// dropping, or from a proxy that cuts long-lived connections.
public enum ConnectionEnding: Sendable, Equatable, CustomStringConvertible {
    /// The client sent a close frame: its code, nil when it gave none (1005).
    case closedByClient(code: UInt16?)
    /// The server closed it with `code` (the close frame may not have reached a peer that had
    /// stopped reading).
    case closedByServer(code: UInt16)
    /// The peer stopped answering pings and was dropped: the network went quiet.
    case unanswered
    /// The connection ended with no close frame either way: reset, closed, or cut by the
    /// network or a proxy on the way.
    case dropped

    /// One word for a log line's `ended=` (no spaces, so `key=value` tools split it):
    /// `client-close-1001`, `client-close` (no code), `daemon-close-4029`, `no-pong`, `no-close-frame`.
    public var description: String {
        switch self {
        case .closedByClient(let code?): "client-close-\(code)"
        case .closedByClient(nil): "client-close"
        case .closedByServer(let code): "daemon-close-\(code)"
        case .unanswered: "no-pong"
        case .dropped: "no-close-frame"
        }
    }
}
