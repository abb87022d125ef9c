import ArgumentParser
import Foundation
import Logging
import ReviewRoomStore

extension Daemon {
    /// Before anything is served: when the previous run was cut off in a way that may have lost
    /// acknowledged events (``RunMarker/epochsNeedRenewal(after:currentBootID:)``), every session
    /// gets a new epoch, so resuming clients get a fresh `welcome` instead of a replay from seqs
    /// that now mean other events. A run cut off under `process` on this boot, followed by this
    /// run under `power`, has its commits synced first (a checkpoint), since this run's marker
    /// promises a power cut loses nothing. Then this run's marker is written. Throws when the
    /// store cannot renew the epochs or sync.
    static func beginRun(store: Store, marker file: RunMarkerFile, durability: ReviewRoomStore.Durability,
                         logger: Logger) async throws {
        let previous = file.previousRun()
        let boot = RunMarkerFile.currentBootID()
        if RunMarker.epochsNeedRenewal(after: previous, currentBootID: boot) {
            let sessions = try await store.renewEveryEpoch()
            logger.warning("the previous run was not stopped cleanly and the machine went down with it (or how it ended cannot be read): with durability = process its last acknowledged changes may be lost, so every session starts a new epoch and its clients get a fresh welcome; set durability = power to keep them through a power cut", metadata: [
                "sessions": "\(sessions)", "marker": "\(file.path)",
                // Without the boot id every crash looks like a reboot (a sandbox hiding /proc/sys).
                "boot_id": "\(boot ?? "unreadable: \(RunMarkerFile.bootIDPath) is hidden or missing")",
            ])
        } else if case .cutOff(let cutOff) = previous {
            logger.notice("the previous run was not stopped cleanly (killed or crashed); the machine kept running, so nothing acknowledged was lost")
            if cutOff.durability == .process, durability == .power {
                // Its last commits may still be only in the page cache, and this run's marker
                // says a power cut loses nothing: a cut before this run's first synced commit
                // would then lose them with no new epoch. A checkpoint under `power` syncs them.
                try await store.checkpoint()
            }
        }
        do {
            try file.write(RunMarker(bootID: boot ?? "unknown", durability: durability))
        } catch {
            // Without the marker a power cut during this run would go unnoticed: worth a warning,
            // not worth refusing to serve.
            logger.warning("cannot write the run marker: \(error)", metadata: ["marker": "\(file.path)"])
        }
    }

    /// Takes ``DataDirectoryLock`` for this process and returns it, or logs why not and throws
    /// exit status 73 (the store cannot be opened for serving). When the lock file cannot be
    /// made and `unwritableIsAnError` is false, returns nil instead: the store's own refusal of
    /// such a directory says more (whose it is).
    func lockDataDirectory(logger: Logger, unwritableIsAnError: Bool = true) throws -> DataDirectoryLock? {
        do {
            return try DataDirectoryLock.acquire(dataDirectory: configuration.dataDirectory)
        } catch .held(let holder) {
            logger.critical("\(DataDirectoryLock.heldMessage(dataDirectory: configuration.dataDirectory, holder: holder))")
            throw ExitCode(73)
        } catch .unavailable(let reason) {
            guard unwritableIsAnError else { return nil }
            logger.critical("cannot lock the data directory \(configuration.dataDirectory): \(reason)")
            throw ExitCode(73)
        }
    }

    /// At start, after ``beginRun(store:marker:durability:logger:)``: a database whose served
    /// token is not the one the lock file kept was put back from a copy (``Store/exchangeServedToken(_:expecting:)``):
    /// its sessions get new epochs. Then this run's token goes in both.
    static func checkServedDatabase(store: Store, lock: DataDirectoryLock, logger: Logger) async throws {
        let token = UUID().uuidString
        if let renewed = try await store.exchangeServedToken(token, expecting: lock.previousToken) {
            logger.warning("the database is not the one this data directory last served (put back from a file copy or a snapshot?): every session starts a new epoch, so clients reload it instead of resuming on events it does not have", metadata: ["sessions": "\(renewed)"])
        }
        lock.write(token: token)
    }

    /// At a clean stop, before the store closes: a new served token in the database and the
    /// lock file, so a copy of the database taken while this run served no longer matches.
    /// Skipped when the store cannot take it (the next start then compares the start's token).
    static func recordCleanStop(store: Store, lock: DataDirectoryLock) async {
        let token = UUID().uuidString
        do {
            _ = try await store.exchangeServedToken(token, expecting: nil)
            lock.write(token: token)
        } catch {
            // Both keep the start's token, which still tells a copy from another run.
        }
    }

    /// After the store closed cleanly (everything it acknowledged synced by its last
    /// checkpoint): removes this run's marker.
    static func endRun(marker file: RunMarkerFile, logger: Logger) {
        do {
            try file.remove()
        } catch {
            logger.warning("cannot remove the run marker: \(error); the next start will take this stop for a crash",
                           metadata: ["marker": "\(file.path)"])
        }
    }
}
