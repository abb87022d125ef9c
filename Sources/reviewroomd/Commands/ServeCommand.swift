import ArgumentParser
import Foundation
import ReviewRoomConfigFile
import ReviewRoomServer

/// `reviewroomd serve`: runs the daemon until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon.",
        discussion: """
            Settings come from the configuration file, then these flags, then REVIEWROOM_<KEY> \
            environment variables, which win. `reviewroomd check-config` prints the result; \
            every key is described in the shipped reviewroom.conf. Prints `Listening on URL` on \
            stdout once it serves; SIGTERM or Ctrl-C stops it, SIGHUP reloads TLS and log_level.
            """)

    @Option(name: .long, help: ArgumentHelp(
        "Configuration file (default \(TOMLConfigurationReader.defaultPath); without it, and without that file, all defaults).",
        valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "Address to listen on, key `listen` (default 127.0.0.1:8080); port 0 picks a free one.", valueName: "HOST:PORT"))
    var listen: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Where the database lives, key `data_dir` (default /var/lib/reviewroom, or $STATE_DIRECTORY under systemd).",
        valueName: "DIR"))
    var dataDir: String?

    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "The URL people reach the daemon at, key `public_url` (invite links; needed behind a proxy or with 0.0.0.0).",
        valueName: "URL"))
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
        // SIGHUP ends a process by default, and a reload sent right after a start must not stop
        // the daemon: trapped from here on, one that comes while starting (reading the
        // configuration, opening the store, making the demo) reloads once the daemon serves.
        let reloadSignals = ReloadSignals()
        let environment = ProcessInfo.processInfo.environment
        let flags = flagValues
        let configPath = config
        let file = TOMLConfigurationReader.read(explicitPath: configPath)
        let configuration = try ConfigurationResolution.load(file: file, flags: flags, environment: environment)
        let daemon = Daemon(configuration: configuration, environment: environment, configFile: file?.path,
                            reloadSignals: reloadSignals) {
            // SIGHUP: re-read the same sources; the caller keeps the old settings on failure.
            ConfigurationLoader(file: TOMLConfigurationReader.read(explicitPath: configPath), flags: flags,
                                environment: ProcessInfo.processInfo.environment).load()
        }
        try await daemon.run(demo: demo)
    }
}
