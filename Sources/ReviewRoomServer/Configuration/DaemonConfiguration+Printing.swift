extension DaemonConfiguration {
    /// The effective configuration as a `reviewroom.conf` that would reproduce it: every key,
    /// unset optional keys as comments.
    public var effectiveTOML: String {
        ConfigurationKey.all.map { key in
            if let value = key.render(self) { "\(key.name) = \(value)" } else { "# \(key.name) is not set" }
        }.joined(separator: "\n") + "\n"
    }
}
