/// The opaque, URL-safe id of a session.
public struct SessionID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The id as stored and sent on the wire.
    public var rawValue: String
    /// Wraps an id read from the wire or the database.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Wraps an id read from the wire or the database.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// The raw id.
    public var description: String { rawValue }
}
