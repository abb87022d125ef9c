import ArgumentParser

// Stub: the store helper's real `BackupCommand` replaces this file at merge.
/// `reviewroomd backup DEST`: copies the database consistently while the daemon runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Back up the database to DEST (not yet available).")

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var arguments: [String] = []

    func run() throws {
        CommandOutput.standardError("reviewroomd backup: not yet available")
        throw ExitCode.failure
    }
}
