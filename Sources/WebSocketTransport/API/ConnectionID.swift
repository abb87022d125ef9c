/// Opaque identity of one WebSocket connection (never a `struct lws *`).
public struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    /// Monotonic number assigned at accept.
    public let rawValue: UInt64
    /// Creates an id.
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    /// `c<number>`.
    public var description: String { "c\(rawValue)" }
}
