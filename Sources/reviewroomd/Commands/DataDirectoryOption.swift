import ArgumentParser
import Foundation
import ReviewRoomConfigFile
import ReviewRoomServer

/// `[--config FILE | --data-dir DIR]`, shared by the commands that open the store offline
/// (`facilitator`, `backup`, `export`). The directory (and `durability`) is resolved like `serve` resolves it:
/// the file's `data_dir` < `--data-dir` < `REVIEWROOM_DATA_DIR`; without either, the default
/// file if present, then `$STATE_DIRECTORY`, then `/var/lib/reviewroom`.
struct DataDirectoryOption: ParsableArguments {
    /// Path of the configuration file whose `data_dir` to use.
    @Option(name: .long, help: ArgumentHelp("Configuration file to read data_dir from.", valueName: "FILE"))
    var config: String?

    /// The data directory, instead of a configuration file.
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Data directory (instead of --config).", valueName: "DIR"))
    var dataDirectory: String?

    /// Refuses `--config` together with `--data-dir`.
    func validate() throws {
        if config != nil && dataDirectory != nil {
            throw ValidationError("give either --config FILE or --data-dir DIR, not both")
        }
    }

    /// The effective configuration, checked only as far as these commands use it (`data_dir`
    /// and `durability`: ``ConfigurationScope/dataDirectory``); prints every problem and exits 78
    /// when it is invalid.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DaemonConfiguration {
        // With --data-dir no file is read: the directory is what these commands need most
        // (`durability` then comes from REVIEWROOM_DURABILITY alone, else `process`).
        let file = dataDirectory == nil ? TOMLConfigurationReader.read(explicitPath: config) : nil
        var flags: [String: String] = [:]
        if let dataDirectory { flags["data_dir"] = dataDirectory }
        return try ConfigurationResolution.load(file: file, flags: flags, environment: environment, scope: .dataDirectory)
    }
}
