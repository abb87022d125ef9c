import ArgumentParser
import Foundation
import Logging
import ReviewRoomStore

/// Opens the store for one CLI command, prints its output, and turns a `StoreError` into its
/// message on stderr and exit status 1 (never a crash, never a stack trace).
enum StoreCommandRunner {
    static func run(_ location: DataDirectoryOption, create: Bool, _ body: @Sendable (Store) async throws -> String) async throws {
        do {
            let settings = try location.configuration()
            let directory = settings.dataDirectory
            // With `durability = power` a change this command reports as done (a revoked token)
            // must be fsynced like the daemon's commits: while the daemon runs, closing this
            // store is no checkpoint, so nothing else would sync it before a power cut.
            let configuration = StoreConfiguration(dataDirectory: directory, durability: settings.storeDurability,
                                                   openMode: create ? .createIfNeeded : .existingOnly)
            // Commands print their result; the store's info logs would only clutter a terminal.
            var logger = Logger(label: "reviewroom.store")
            logger.logLevel = .warning
            let existed = FileManager.default.fileExists(atPath: configuration.databasePath)
            // Where there is no database and none is to be made, the store's refusal comes
            // first: taking the lock then left a lock file behind a command that changed nothing.
            var toolLock = create || existed ? try shareToolLock(directory) : nil
            let store = try await Store.open(configuration, logger: logger)
            // Held until the store is closed; a directory the store just created is locked now.
            defer { withExtendedLifetime(toolLock) {} }
            do {
                if toolLock == nil { toolLock = try shareToolLock(directory) }
            } catch {
                await store.close()
                throw error
            }
            // A new database where one was expected is how a wrong --data-dir shows itself.
            if !existed {
                FileHandle.standardError.write(Data("created a new database in \(directory)\n".utf8))
            }
            do {
                let output = try await body(store)
                await store.close()
                print(output)
            } catch {
                await store.close()
                throw error
            }
        } catch let error as StoreError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// The tools' shared ``StoreToolLock``, or nil where there is none to take (no directory yet,
    /// or a file this user cannot open: the store's own error then says what is wrong). A
    /// restore holding it ends the command with exit status 1 before anything is read or written.
    private static func shareToolLock(_ directory: String) throws -> StoreToolLock? {
        do {
            return try StoreToolLock.shared(dataDirectory: directory)
        } catch .busy {
            FileHandle.standardError.write(Data("error: \(StoreToolLock.restoringMessage(dataDirectory: directory))\n".utf8))
            throw ExitCode.failure
        } catch .unavailable {
            return nil
        }
    }
}
