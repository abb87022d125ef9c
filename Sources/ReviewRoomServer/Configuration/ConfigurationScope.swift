/// How much of a configuration a command needs checked by ``ConfigurationLoader``.
public enum ConfigurationScope: Sendable, Equatable {
    /// Everything `serve` and `check-config` need: values, TLS files, `web_root`, host names.
    case full
    /// Only what the offline store commands (`facilitator`, `backup`, `export`) use: `data_dir`.
    /// TLS files (a systemd credential exists only while the service runs), `web_root` and
    /// host names are not checked; file syntax and unknown keys still are, since a misspelled
    /// key may be `data_dir` itself.
    case dataDirectory
}
