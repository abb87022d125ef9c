import ArgumentParser
import ReviewRoomStore

/// `reviewroomd backup DEST`: a consistent copy of the live database, safe while the daemon runs.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database to DEST (never overwrites)."
    )

    @Argument(help: "The backup file to create.") var destination: String
    @OptionGroup var location: DataDirectoryOption

    func run() async throws {
        try await StoreCommandRunner.run(location, create: false) { store in
            try await store.backup(to: destination)
            return "Backed up \(store.configuration.databasePath) to \(destination)."
        }
    }
}
