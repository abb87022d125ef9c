/// How much of a configuration a command needs checked by ``ConfigurationLoader``.
public enum ConfigurationScope: Sendable, Equatable {
    /// Everything `serve` needs: values, TLS files, `web_root`, host names.
    case full
    /// What `check-config` reports: everything ``full`` checks, and the data directory on this
    /// machine (``DaemonConfiguration/dataDirectoryProblem``), which `serve` leaves to the
    /// store (exit 73); all in one report, so no problem hides another.
    case checkConfig
    /// Only what the offline store commands (`facilitator`, `backup`, `export`) use: `data_dir`
    /// (and `durability` and `language_hints`, plain values).
    /// TLS files (a systemd credential exists only while the service runs), `web_root` and
    /// host names are not checked; file syntax and unknown keys still are, since a misspelled
    /// key may be `data_dir` itself.
    case dataDirectory
}
