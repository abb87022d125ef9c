import ArgumentParser
import Foundation
import ReviewRoomServer

/// `reviewroomd check-config [--config FILE]`: prints the effective configuration, or names
/// every unknown key and bad value and exits non-zero.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the configuration and print the effective settings.")

    @Option(name: .long, help: ArgumentHelp("Configuration file (default \(TOMLConfigurationReader.defaultPath)).", valueName: "FILE"))
    var config: String?

    func run() throws {
        let file = TOMLConfigurationReader.read(explicitPath: config)
        let configuration = try ConfigurationResolution.load(
            file: file, flags: [:], environment: ProcessInfo.processInfo.environment)
        let origin = file.map { "# effective configuration (from \($0.path), flags and REVIEWROOM_* variables)" }
            ?? "# effective configuration (no file at \(TOMLConfigurationReader.defaultPath): defaults and REVIEWROOM_* variables)"
        // Warnings are not errors: the configuration works, so the exit status stays 0.
        for warning in configuration.warnings { CommandOutput.standardError("reviewroomd: warning: \(warning)") }
        CommandOutput.standardOutput(origin + "\n" + configuration.effectiveTOML)
    }
}
