import ArgumentParser

// Stub until review records exist (a later issue).
/// `reviewroomd export SESSION_ID [--format md|html|json]`: prints a session's review record.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print a session's review record (not yet available).")

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var arguments: [String] = []

    func run() throws {
        CommandOutput.standardError("reviewroomd export: not yet available")
        throw ExitCode.failure
    }
}
