/// WebSocket close codes of protocol v1 (PROTOCOL.md §3.4). The raw value is the number on the wire.
public enum CloseCode: UInt16, Sendable, CaseIterable {
    /// 1000: normal closure, also after an `error` reply to `hello` (e.g. `not_open`).
    case normal = 1000
    /// 1001: the server is going away; reconnect with backoff and `resume`.
    case goingAway = 1001
    /// 1003: a binary frame was sent.
    case unsupportedData = 1003
    /// 1007: a text frame was not valid UTF-8.
    case invalidPayload = 1007
    /// 1009: a message (or a `hello` over 4 KiB) was too big.
    case messageTooBig = 1009
    /// 4000: protocol error, e.g. no `hello`, or a first message that is not one.
    case protocolError = 4000
    /// 4001: bad, revoked or unknown token (also a deleted session's token).
    case badToken = 4001
    /// 4003: the participant was revoked or reissued while connected.
    case revoked = 4003
    /// 4004: the session was deleted while connected.
    case sessionDeleted = 4004
    /// 4029: too many messages, or too slow a reader; reconnect and resume.
    case tooManyMessages = 4029
}
