import ArgumentParser
import Foundation
import ReviewRoomConfigFile
import ReviewRoomServer

/// `reviewroomd check-config [--config FILE]`: prints the effective configuration, or names
/// every unknown key and bad value and exits non-zero.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the configuration and print the effective settings.",
        discussion: """
            Reads the file and the REVIEWROOM_<KEY> environment variables as `serve` would, and \
            checks what `serve` would refuse (TLS files that do not load, a host that does not \
            resolve). Exit status 0 prints the effective settings; 78 lists every problem on stderr, \
            each naming the key, where it was set and what is wrong.
            """)

    @Option(name: .long, help: ArgumentHelp("Configuration file (default \(TOMLConfigurationReader.defaultPath)).", valueName: "FILE"))
    var config: String?

    func run() throws {
        let file = TOMLConfigurationReader.read(explicitPath: config)
        let environment = ProcessInfo.processInfo.environment
        // With the data directory checked too: serve would exit 73 on it.
        let configuration = try ConfigurationResolution.load(file: file, flags: [:], environment: environment,
                                                             scope: .checkConfig)
        let webRoot = WebRoot.locate(configured: nil, executableDirectory: WebRoot.executableDirectory)
        // serve would start and answer 404 to every invite link: worth a word before it does.
        if configuration.webRoot == nil, webRoot == nil { CommandOutput.standardError("reviewroomd: warning: \(WebRoot.notFoundWarning)") }
        if let configured = configuration.webRoot, let warning = WebRoot.notTheClientWarning(configured: configured) {
            CommandOutput.standardError("reviewroomd: warning: \(warning)")
        }
        if let certificate = configuration.tlsCertificatePath, let warning = CertificateExpiry.warning(certificatePath: certificate) {
            CommandOutput.standardError("reviewroomd: warning: \(warning)")
        }
        let origin = file.map { "# effective configuration (from \($0.path), flags and REVIEWROOM_* variables)" }
            ?? "# effective configuration (no file at \(TOMLConfigurationReader.defaultPath): defaults and REVIEWROOM_* variables)"
        // Warnings are not errors: the configuration works, so the exit status stays 0.
        for warning in configuration.warnings { CommandOutput.standardError("reviewroomd: warning: \(warning)") }
        CommandOutput.standardOutput(origin + "\n" + configuration.effectiveTOML(resolvedWebRoot: webRoot?.path))
    }
}
