import ArgumentParser
import Foundation
import ReviewRoomStore

/// `reviewroomd restore BACKUP`: puts a backup in place as the data directory's database while
/// no daemon serves it (an extension of PROTOCOL §1's synopsis; ``DatabaseRestore``).
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Put a backup in place as the database (the daemon must be stopped).",
        discussion: """
            Checks BACKUP (a ReviewRoom database this version reads, undamaged) before changing \
            anything, keeps the database it replaces as reviewroom.sqlite3.before-restore-TIME \
            (with its -wal), and gives the restored file the owner of the data directory's database.
            """)

    @Argument(help: "The backup file to restore (written by `reviewroomd backup`).") var backup: String
    @OptionGroup var location: DataDirectoryOption

    func run() async throws {
        let settings = try location.configuration()
        let directory = settings.dataDirectory
        // Held for the whole restore: a daemon started meanwhile (socket activation) stops at
        // the lock instead of opening a database being swapped.
        let lock: DataDirectoryLock
        do {
            lock = try DataDirectoryLock.acquire(dataDirectory: directory, ownerLike: directory)
        } catch .held(let holder) {
            let who = holder.map { "process \($0)" } ?? "another process"
            try fail("a reviewroomd serve (\(who)) is using \(directory): stop it first (under systemd: sudo systemctl stop reviewroomd.socket reviewroomd), then restore")
        } catch .unavailable(let reason) {
            try fail(access(directory, F_OK) == 0 ? "cannot lock the data directory \(directory): \(reason)"
                     : DatabaseRestore.missingDirectoryMessage(directory))
        }
        // And alone among the command-line tools, which run beside a daemon and so do not take
        // the lock above: none may write into (or copy) a database being moved aside.
        let toolLock: StoreToolLock
        do {
            toolLock = try StoreToolLock.exclusive(dataDirectory: directory)
        } catch .busy {
            try fail(StoreToolLock.toolRunningMessage(dataDirectory: directory))
        } catch .unavailable(let reason) {
            try fail("cannot lock the data directory \(directory): \(reason)")
        }
        let configuration = StoreConfiguration(dataDirectory: directory, durability: settings.storeDurability, openMode: .existingOnly)
        do {
            let outcome = try DatabaseRestore.restore(backup: backup, into: configuration, stamp: Self.stamp(Date()))
            print(Self.report(outcome, backup: backup))
        } catch let error as StoreError {
            try fail(error.message)
        }
        withExtendedLifetime((lock, toolLock)) {}
    }

    /// What the operator reads: what is now in place, what was kept, what happens next.
    static func report(_ outcome: RestoreOutcome, backup: String) -> String {
        var lines = ["Restored \(backup) as \(outcome.databasePath): \(count(outcome.sessions, "session")), \(count(outcome.facilitators, "facilitator"))."]
        if let replaced = outcome.replacedPath {
            lines.append("The database it replaced is kept as \(replaced) (with its -wal and -shm, if it had them): delete them once the restored data is right; they still hold everything since the backup, sessions erased since included.")
        }
        lines.append("Start the daemon again. Every session starts a new epoch: open pages reload it instead of resuming; facilitators and invite links are those of the backup.")
        return lines.joined(separator: "\n")
    }

    /// A file-name-safe UTC time, e.g. `20261202T121500Z`.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    private static func count(_ number: Int, _ noun: String) -> String { number == 1 ? "1 \(noun)" : "\(number) \(noun)s" }

    /// Says what went wrong on stderr and exits with status 1, as the other store commands do
    /// (``StoreCommandRunner``).
    private func fail(_ message: String) throws -> Never {
        CommandOutput.standardError("error: \(message)")
        throw ExitCode.failure
    }
}
