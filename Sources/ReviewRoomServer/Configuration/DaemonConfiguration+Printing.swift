extension DaemonConfiguration {
    /// The effective configuration as a `reviewroom.conf` that would reproduce it: every key,
    /// unset optional keys as comments.
    public var effectiveTOML: String { effectiveTOML(resolvedWebRoot: nil) }

    /// ``effectiveTOML``, with `web_root`, when it is not set, as the folder the daemon would
    /// find on its own (`resolvedWebRoot`, ``WebRoot/locate(configured:executableDirectory:)``).
    public func effectiveTOML(resolvedWebRoot: String?) -> String {
        ConfigurationKey.all.map { key in
            if let value = key.render(self) { return "\(key.name) = \(value)" }
            guard key.name == "web_root", webRoot == nil, let resolvedWebRoot else { return "# \(key.name) is not set" }
            return "web_root = \(ConfigurationKey.quote(resolvedWebRoot)) # not set: the web client installed with the binary"
        }.joined(separator: "\n") + "\n"
    }
}
