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
            ExportCommand.self, BackupCommand.self, RestoreCommand.self,
        ]
    )

    /// Parses the command line and runs the command it names; `--version` with anything else
    /// (``VersionFlagUse``) and an option given twice (``RepeatedOption``) are usage errors,
    /// like any other stray argument.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let misuse = VersionFlagUse.misuse(in: arguments) ?? RepeatedOption.misuse(in: arguments) {
            exit(withError: ValidationError(misuse))
        }
        await main(arguments)
    }

    /// Without a subcommand (or `--version`) there is nothing to do: a usage error.
    func run() async throws {
        try MissingSubcommand.fail(Self.self)
    }
}
