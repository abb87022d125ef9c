/// Placeholder until the durable store lands (issue: durable store).
public struct StoreError: Error, Sendable {
    /// What went wrong, for a person.
    public var message: String
    /// Creates an error.
    public init(message: String) { self.message = message }
}
