/// The parsed contents of a configuration file: its entries in file order, or the reason it
/// could not be read. Producing one (reading TOML) is the executable's job; this stays pure.
public struct ConfigurationFile: Sendable, Equatable {
    /// The path, for messages.
    public var path: String
    /// `key = value` entries in file order.
    public var entries: [(key: String, value: ConfigValue)]
    /// Problems found while reading it (missing, unreadable, bad syntax, not flat).
    public var problems: [ConfigurationProblem]

    /// Creates a file's contents.
    public init(path: String, entries: [(key: String, value: ConfigValue)] = [], problems: [ConfigurationProblem] = []) {
        self.path = path; self.entries = entries; self.problems = problems
    }

    /// Entries and problems compare equal.
    public static func == (lhs: ConfigurationFile, rhs: ConfigurationFile) -> Bool {
        lhs.path == rhs.path && lhs.problems == rhs.problems
            && lhs.entries.map(\.key) == rhs.entries.map(\.key) && lhs.entries.map(\.value) == rhs.entries.map(\.value)
    }
}
