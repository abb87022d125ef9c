import ArgumentParser
import Foundation
import ReviewRoomServer

/// `reviewroomd serve`: runs the daemon until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the daemon.")

    @Option(name: .long, help: ArgumentHelp("Configuration file (default \(TOMLConfigurationReader.defaultPath)).", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Address to listen on; port 0 picks a free one.", valueName: "HOST:PORT"))
    var listen: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the database lives.", valueName: "DIR"))
    var dataDir: String?

    @Option(name: .customLong("public-url"), help: ArgumentHelp("The URL users reach the daemon at.", valueName: "URL"))
    var publicURL: String?

    @Flag(name: .long, help: "Create a demo session starting now and print its links.")
    var demo = false

    /// The flags as configuration keys.
    var flagValues: [String: String] {
        var flags: [String: String] = [:]
        if let listen { flags["listen"] = listen }
        if let dataDir { flags["data_dir"] = dataDir }
        if let publicURL { flags["public_url"] = publicURL }
        return flags
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let flags = flagValues
        let configPath = config
        let file = TOMLConfigurationReader.read(explicitPath: configPath)
        let configuration = try ConfigurationResolution.load(file: file, flags: flags, environment: environment)
        let daemon = Daemon(configuration: configuration, environment: environment, configFile: file?.path) {
            // SIGHUP: re-read the same sources; the caller keeps the old settings on failure.
            ConfigurationLoader(file: TOMLConfigurationReader.read(explicitPath: configPath), flags: flags,
                                environment: ProcessInfo.processInfo.environment).load()
        }
        try await daemon.run(demo: demo)
    }
}
