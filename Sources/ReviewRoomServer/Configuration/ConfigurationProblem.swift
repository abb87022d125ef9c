/// One thing wrong with the configuration: an unknown key, a bad value, an unreadable file.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem it is.
    public enum Code: String, Sendable {
        /// The key is not a configuration key.
        case unknownKey = "unknown_key"
        /// The value has the wrong type or is out of range.
        case badValue = "bad_value"
        /// A file the configuration names cannot be read.
        case unreadableFile = "unreadable_file"
        /// The configuration file is not valid TOML.
        case syntax = "syntax"
        /// Two keys contradict each other (e.g. `tls_cert` without `tls_key`).
        case inconsistent = "inconsistent"
    }

    /// The kind of problem.
    public var code: Code
    /// The key concerned, if one is.
    public var key: String?
    /// Where the offending value came from.
    public var source: ConfigurationSource?
    /// What was wrong with this input, in words.
    public var message: String

    /// Creates a problem.
    public init(code: Code, key: String?, source: ConfigurationSource?, message: String) {
        self.code = code; self.key = key; self.source = source; self.message = message
    }

    /// `<source>: <key>: <message>`.
    public var description: String {
        var text = ""
        if let source { text += "\(source): " }
        if let key { text += "\(key): " }
        return text + message
    }
}
