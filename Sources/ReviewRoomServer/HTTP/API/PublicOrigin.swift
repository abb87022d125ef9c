import LockedValue

/// The origin invite links start with (`public_url`, or `http://<listen address>`), set once the
/// daemon knows its port (with `--listen HOST:0` that is only after the listener is bound).
public final class PublicOrigin: Sendable {
    private let value: Locked<String>

    /// An origin; a trailing `/` is dropped.
    public init(_ origin: String) { value = Locked(Self.trimmed(origin)) }

    /// The origin now, without a trailing `/`.
    public var current: String { value.withLock { $0 } }

    /// Replaces the origin (a trailing `/` is dropped).
    public func set(_ origin: String) { value.withLock { $0 = Self.trimmed(origin) } }

    private static func trimmed(_ origin: String) -> String {
        origin.hasSuffix("/") ? String(origin.dropLast()) : origin
    }
}
