import ArgumentParser
import ReviewRoomStore

/// `reviewroomd facilitator add|list|revoke`: manage who may use the HTTP API. Works while the
/// daemon runs on the same data directory (WAL, busy timeout).
struct FacilitatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facilitator",
        abstract: "Add, list or revoke facilitators (API tokens).",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    /// `facilitator` alone is a usage error, like any other missing argument.
    func run() async throws {
        try MissingSubcommand.fail(Self.self)
    }

    /// `facilitator add NAME [--email E] [--json]`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a facilitator and print their API token once.")

        @Argument(help: "The facilitator's name.") var name: String
        @Option(help: "The facilitator's e-mail.") var email: String?
        @Flag(help: "Print one JSON object {\"id\",\"name\",\"token\"}.") var json = false
        @OptionGroup var location: DataDirectoryOption

        func run() async throws {
            // Checked before the store opens, which would create a database for nothing.
            if let problem = Store.facilitatorInputProblem(name: name, email: email) {
                CommandOutput.standardError("error: \(problem)")
                throw ExitCode.failure
            }
            try await StoreCommandRunner.run(location, create: true) { store in
                try await FacilitatorAdministration(store: store).add(name: name, email: email, json: json)
            }
        }
    }

    /// `facilitator list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List facilitators (tokens are never shown again).")

        @OptionGroup var location: DataDirectoryOption

        func run() async throws {
            try await StoreCommandRunner.run(location, create: false) { store in
                try await FacilitatorAdministration(store: store).list()
            }
        }
    }

    /// `facilitator revoke ID [--transfer-to ID2]`.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a facilitator's API token (and hand their sessions to another facilitator).")

        @Argument(help: "The facilitator id (see `facilitator list`).") var id: String
        @Option(name: .customLong("transfer-to"), help: ArgumentHelp(
            "In the same transaction, make this active facilitator the owner of every session ID owns.", valueName: "ID2"))
        var transferTo: String?
        @OptionGroup var location: DataDirectoryOption

        func run() async throws {
            try await StoreCommandRunner.run(location, create: false) { store in
                try await FacilitatorAdministration(store: store).revoke(id, transferTo: transferTo)
            }
        }
    }
}
