extension DaemonConfiguration {
    /// The keys whose value in `fresh` (the configuration read again on SIGHUP) differs from this
    /// running one, in `check-config`'s order, except those a reload applies (`log_level`; TLS
    /// certificates are read again from the running paths). A reload leaves them as they were:
    /// an administrator who changed `listen` and sent SIGHUP should hear that it needs a restart.
    public func keysNeedingRestart(toApply fresh: DaemonConfiguration) -> [String] {
        ConfigurationKey.all.filter { key in
            key.name != "log_level" && key.render(self) != key.render(fresh)
        }.map(\.name)
    }
}
