import ArgumentParser
import ReviewRoomServer

/// Loads a configuration for a command, printing every problem to stderr on failure (and each
/// ignored `REVIEWROOM_*` variable, and each flag a variable overrides, as a warning, whatever
/// the outcome).
enum ConfigurationResolution {
    /// The configuration, or `ExitCode(78)` (EX_CONFIG) after printing the problems.
    static func load(file: ConfigurationFile?, flags: [String: String], environment: [String: String],
                     scope: ConfigurationScope = .full) throws -> DaemonConfiguration {
        let loader = ConfigurationLoader(file: file, flags: flags, environment: environment, scope: scope)
        let journal = environment["JOURNAL_STREAM"] != nil
        for name in loader.unknownVariables {
            // journald's <4> (warning) priority under systemd, as the daemon's own warnings.
            CommandOutput.standardError((journal ? "<4>" : "") + "reviewroomd: warning: " + ConfigurationLoader.unknownVariableWarning(name))
        }
        for warning in loader.overriddenFlagWarnings {
            CommandOutput.standardError((journal ? "<4>" : "") + "reviewroomd: warning: " + warning)
        }
        switch loader.load() {
        case .success(let configuration):
            return configuration
        case .failure(let error):
            CommandOutput.standardError(report(error, journal: journal))
            throw ExitCode(78)
        }
    }

    /// The problems as printed: under systemd (`journal`) every line carries journald's `<3>`
    /// (error) priority, like the daemon's own error lines, so `journalctl -p warning` shows
    /// the whole report; without it a line would be filed at the default, info.
    static func report(_ error: ConfigurationError, journal: Bool) -> String {
        let text = "reviewroomd: \(error)"
        guard journal else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { "<3>\($0)" }.joined(separator: "\n")
    }
}
