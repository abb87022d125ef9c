import ArgumentParser
import Foundation
import ReviewRoomServer

/// `[--config FILE | --data-dir DIR]` for the commands that only need the data directory
/// (`facilitator`, `backup`, `export`): resolved like `serve` does, `REVIEWROOM_*` included.
struct DataDirectoryOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Configuration file.", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Data directory (instead of --config).", valueName: "DIR"))
    var dataDir: String?

    func validate() throws {
        if config != nil && dataDir != nil {
            throw ValidationError("give --config FILE or --data-dir DIR, not both")
        }
    }

    /// The whole effective configuration (file < `--data-dir` < environment).
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DaemonConfiguration {
        // With --data-dir no file is read: the directory is all these commands need.
        let file = dataDir == nil ? TOMLConfigurationReader.read(explicitPath: config) : nil
        var flags: [String: String] = [:]
        if let dataDir { flags["data_dir"] = dataDir }
        return try ConfigurationResolution.load(file: file, flags: flags, environment: environment)
    }

    /// The data directory to use.
    func resolveDataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try configuration(environment: environment).dataDirectory
    }
}

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
