import ArgumentParser
import Foundation

/// `--config FILE | --data-dir DIR`, shared by the commands that open the store offline.
struct DataDirectoryOption: ParsableArguments {
    /// Path of the configuration file whose `data_dir` to use.
    @Option(name: .long, help: "Configuration file to read data_dir from.")
    var config: String?

    /// The data directory, overriding everything else.
    @Option(name: .customLong("data-dir"), help: "Data directory (default: REVIEWROOM_DATA_DIR, $STATE_DIRECTORY, /var/lib/reviewroom).")
    var dataDirectory: String?

    /// Refuses `--config` together with `--data-dir`.
    func validate() throws {
        if config != nil, dataDirectory != nil {
            throw ValidationError("give either --config FILE or --data-dir DIR, not both")
        }
    }

    /// The data directory: `--data-dir`, else `data_dir` from `--config`, else `REVIEWROOM_DATA_DIR`,
    /// else `$STATE_DIRECTORY` (systemd), else `/var/lib/reviewroom`.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let dataDirectory { return dataDirectory }
        if let config {
            // Stand-in until the real config loader is merged: reads one `data_dir = "…"` line.
            guard let text = try? String(contentsOfFile: config, encoding: .utf8) else {
                throw ValidationError("cannot read configuration file \(config)")
            }
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == "data_dir" {
                    return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                }
            }
        }
        if let fromEnvironment = environment["REVIEWROOM_DATA_DIR"], !fromEnvironment.isEmpty { return fromEnvironment }
        if let state = environment["STATE_DIRECTORY"], !state.isEmpty {
            // systemd may pass several directories separated by colons; the first is ours.
            return String(state.split(separator: ":").first ?? Substring(state))
        }
        return "/var/lib/reviewroom"
    }
}
