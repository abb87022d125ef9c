/// The configuration could not be loaded; ``problems`` lists every problem found, not just the first.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in key order.
    public var problems: [ConfigurationProblem]

    /// Creates an error from the problems found (never empty).
    public init(problems: [ConfigurationProblem]) { self.problems = problems }

    /// One problem per line.
    public var description: String {
        let noun = problems.count == 1 ? "problem" : "problems"
        return "configuration has \(problems.count) \(noun):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
