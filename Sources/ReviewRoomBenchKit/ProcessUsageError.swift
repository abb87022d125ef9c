/// `/proc` text that did not parse, with what was wrong.
public struct ProcessUsageError: Error, Equatable, CustomStringConvertible {
    /// What was wrong with the text.
    public var description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
