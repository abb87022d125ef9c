import ArgumentParser
import ReviewRoomServer

/// Loads a configuration for a command, printing every problem to stderr on failure.
enum ConfigurationResolution {
    /// The configuration, or `ExitCode(78)` (EX_CONFIG) after printing the problems.
    static func load(file: ConfigurationFile?, flags: [String: String], environment: [String: String]) throws -> DaemonConfiguration {
        switch ConfigurationLoader(file: file, flags: flags, environment: environment).load() {
        case .success(let configuration):
            return configuration
        case .failure(let error):
            CommandOutput.standardError("reviewroomd: \(error)")
            throw ExitCode(78)
        }
    }
}
