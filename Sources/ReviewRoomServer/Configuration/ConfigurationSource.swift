/// Where a configuration value came from; problems name it so an operator knows what to fix.
public enum ConfigurationSource: Sendable, Equatable, CustomStringConvertible {
    /// The TOML configuration file at this path.
    case file(String)
    /// A command-line flag, e.g. `--listen`.
    case flag(String)
    /// An environment variable, e.g. `REVIEWROOM_LISTEN`.
    case environment(String)

    /// `config file /etc/…`, `flag --listen`, `environment REVIEWROOM_LISTEN`.
    public var description: String {
        switch self {
        case .file(let path): "\(path)"
        case .flag(let name): "flag \(name)"
        case .environment(let name): "environment \(name)"
        }
    }
}
