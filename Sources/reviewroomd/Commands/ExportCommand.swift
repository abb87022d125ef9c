import ArgumentParser

/// `reviewroomd export SESSION_ID [--format md|html|json] [--config FILE | --data-dir DIR]`:
/// prints a session's review record. Review records arrive with a later issue; until then it
/// checks its arguments and the configuration, then says so and exits 1.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print a session's review record (not yet available).")

    /// Record formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json
    }

    @Argument(help: "The session to export.")
    var sessionID: String

    @Option(help: "md, html or json.")
    var format: Format = .md

    @OptionGroup var location: DataDirectoryOption

    func run() throws {
        _ = try location.resolve()
        CommandOutput.standardError("reviewroomd export: not yet available (review records arrive with live sessions)")
        throw ExitCode.failure
    }
}
