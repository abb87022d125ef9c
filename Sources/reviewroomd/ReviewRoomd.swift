import ArgumentParser
import ReviewRoomServer

/// `reviewroomd`: the ReviewRoom daemon and its operator commands (PROTOCOL.md §1).
@main
struct ReviewRoomd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviewroomd",
        abstract: "Hosts timed, remote peer-review sessions between schools.",
        version: "reviewroomd \(ReviewRoomServerModule.version)",
        subcommands: [
            ServeCommand.self, CheckConfigCommand.self, FacilitatorCommand.self,
            ExportCommand.self, BackupCommand.self,
        ]
    )

    /// Without a subcommand (or `--version`) there is nothing to do: a usage error.
    func run() async throws {
        try MissingSubcommand.fail(Self.self)
    }
}
