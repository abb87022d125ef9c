import CSQLite
import Dispatch
import Foundation
import LockedValue
import Logging

/// Moves WAL checkpoints off the writer's critical path, while keeping the WAL bounded.
///
/// A checkpoint copies WAL pages back into the database file and fsyncs it; run by the writer
/// (SQLite's auto-checkpoint) it stalls every append queued behind it. Instead, the writer's
/// connection reports each commit's WAL size through `sqlite3_wal_hook` (which replaces the
/// auto-checkpoint) and, past `walAutocheckpointPages`, this thread runs a `PASSIVE` checkpoint
/// on its own connection, concurrently with new commits.
///
/// A concurrent checkpoint never copies the frames committed while it ran, and SQLite restarts
/// the WAL from its beginning only when a write transaction starts with every frame copied. So
/// past twice the threshold no new background run starts, and once the running one is done the
/// writer, between two batches, copies the few frames left itself; its next transaction restarts
/// the WAL and `journal_size_limit` truncates the file.
///
/// It also finishes erasures: when the `TRUNCATE` after deleting a session cannot complete
/// because a reader holds an older snapshot (or a background checkpoint is running),
/// `eraseFromWAL(_:first:)` hands it here, and this thread retries a non-blocking `TRUNCATE`
/// until one completes; only an erasure still waiting after
/// ``StoreConfiguration/erasureWarningMilliseconds`` is logged as a warning.
final class Checkpointer: Sendable {
    private struct State {
        var pending = false
        var inProgress = false
        var writerMustFinish = false
        var writerWaiting = false
        var walPages = 0
        var closing = false
        var running = false
        var waiters: [CheckedContinuation<Void, Never>] = []
        /// Erased sessions whose old pages may still be in the WAL: a `TRUNCATE` is retried
        /// until one completes.
        var erasures: [PendingErasure] = []
    }

    /// An erasure waiting for its pages to leave the WAL.
    private struct PendingErasure {
        let session: SessionID
        /// The writer's `TRUNCATE` result row (nil when it failed outright).
        let first: WALCheckpoint?
        /// When it was handed over (`DispatchTime` nanoseconds).
        let since: UInt64
        /// Whether the warning for a long wait has been logged.
        var warned = false
    }

    /// First and longest pause between two `TRUNCATE` attempts for an erasure (milliseconds):
    /// the reader in the way usually ends within moments; a long backup may take minutes.
    private static let firstRetryMilliseconds = 10
    private static let longestRetryMilliseconds = 1_000

    private let state = Locked(State())
    private let wake = DispatchSemaphore(value: 0)
    private let idle = DispatchSemaphore(value: 0)
    private let configuration: StoreConfiguration
    private let logger: Logger

    /// Creates the checkpointer; `start()` opens its connection once the writer has validated the file.
    init(configuration: StoreConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Installs the WAL hook on the writer's connection.
    ///
    /// The hook holds an unretained pointer to `self`: the writer thread keeps `self` alive
    /// for as long as its connection is open.
    func install(on connection: SQLiteConnection) throws {
        sqlite3_wal_hook(try connection.rawHandle(), checkpointerWALHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Called on the writer thread after each commit with the WAL's size in frames.
    func committed(walPages: Int) {
        let threshold = configuration.walAutocheckpointPages
        guard walPages >= threshold else { return }
        let signal = state.withLock { state -> Bool in
            state.walPages = walPages
            if walPages >= 2 * threshold { state.writerMustFinish = true }
            guard !state.writerMustFinish, !state.pending, !state.inProgress, !state.closing else { return false }
            state.pending = true
            return true
        }
        if signal { wake.signal() }
    }

    /// Run by the writer between batches: copies what the background checkpoint left, once it is
    /// done, so the next transaction restarts the WAL. Past eight times the threshold (a
    /// background checkpoint slowed by a busy disk) the writer waits for it: backpressure that
    /// keeps the WAL bounded.
    func finishIfNeeded(on connection: SQLiteConnection) {
        enum Step { case nothing, finish, wait }
        while true {
            let step = state.withLock { state -> Step in
                guard state.writerMustFinish else { return .nothing }
                if !state.inProgress {
                    // A request the checkpointer thread has not picked up yet (it may be starved
                    // of CPU by this very writer) is taken over rather than waited for.
                    state.pending = false
                    state.writerMustFinish = false
                    return .finish
                }
                guard state.walPages >= 8 * configuration.walAutocheckpointPages else { return .nothing }
                state.writerWaiting = true
                return .wait
            }
            switch step {
            case .nothing:
                return
            case .finish:
                checkpoint(connection, by: "writer")
                return
            case .wait:
                idle.wait()
            }
        }
    }

    /// Opens the checkpoint connection on a new thread and starts serving requests.
    func start() async throws {
        try await withCheckedThrowingContinuation { (started: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                let connection: SQLiteConnection
                do {
                    connection = try SQLiteConnection(path: self.configuration.databasePath)
                    try connection.execute("PRAGMA busy_timeout = \(self.configuration.busyTimeoutMilliseconds)")
                    try connection.execute("PRAGMA synchronous = \(self.configuration.durability.synchronousPragma)")
                } catch {
                    started.resume(throwing: error)
                    return
                }
                self.state.withLock { $0.running = true }
                started.resume()
                self.serve(connection)
            }
            thread.name = "rr-checkpoint"
            thread.start()
        }
    }

    /// Stops the thread and closes its connection; safe to call more than once.
    func close() async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let running = state.withLock { state -> Bool in
                state.closing = true
                if state.running { state.waiters.append(stopped) }
                return state.running
            }
            if running { wake.signal() } else { stopped.resume() }
        }
    }

    /// Takes over the erasure of session `id` from the WAL after the writer's `TRUNCATE`
    /// checkpoint could not finish (`first`: its result row, nil when it failed outright): a reader
    /// of an older snapshot still needs the pages the erasure overwrote, so the old ones stay
    /// in the WAL until it ends. This thread retries a non-blocking `TRUNCATE` with a growing
    /// pause (up to a second) until one completes, then logs an info naming the session; a
    /// warning names it only if it is still waiting after
    /// ``StoreConfiguration/erasureWarningMilliseconds`` (the daemon's own reads and background
    /// checkpoints are in the way for milliseconds, many times a day).
    func eraseFromWAL(_ id: SessionID, first: WALCheckpoint?) {
        logger.debug("the erased session's old pages stay on disk until a TRUNCATE checkpoint completes; retrying", metadata: [
            "session": "\(id)", "busy": "\(first.map { $0.busy ? "1" : "0" } ?? "-")",
        ])
        let pending = PendingErasure(session: id, first: first, since: DispatchTime.now().uptimeNanoseconds)
        let accepted = state.withLock { state -> Bool in
            guard !state.closing else { return false }
            state.erasures.append(pending)
            return true
        }
        if accepted { wake.signal() }
    }

    private func serve(_ connection: SQLiteConnection) {
        var retryMilliseconds = Self.firstRetryMilliseconds
        while true {
            if state.withLock({ $0.erasures.isEmpty }) {
                wake.wait()
            } else {
                _ = wake.wait(timeout: .now() + .milliseconds(retryMilliseconds))
            }
            let (run, stop, erase) = state.withLock { state -> (Bool, Bool, Bool) in
                let run = state.pending && !state.closing
                state.pending = false
                state.inProgress = run
                return (run, state.closing, !state.erasures.isEmpty)
            }
            if run {
                checkpoint(connection, by: "checkpointer")
                let writerWaits = state.withLock { state -> Bool in
                    state.inProgress = false
                    defer { state.writerWaiting = false }
                    return state.writerWaiting
                }
                if writerWaits { idle.signal() }
            }
            if erase {
                retryMilliseconds = retryErasure(connection)
                    ? Self.firstRetryMilliseconds
                    : min(retryMilliseconds * 2, Self.longestRetryMilliseconds)
            }
            if stop {
                let left = state.withLock { $0.erasures }
                if !left.isEmpty {
                    // Closing the last connection checkpoints and removes the WAL when no other
                    // process reads it; otherwise the next open's erasures or checkpoints do.
                    logger.warning("store closing before the erased sessions' old pages could leave the database file and the WAL", metadata: [
                        "sessions": "\(left.map(\.session.rawValue).joined(separator: ","))",
                    ])
                }
                connection.close()
                let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                    state.running = false
                    defer { state.waiters.removeAll() }
                    return state.waiters
                }
                for waiter in waiters { waiter.resume() }
                return
            }
        }
    }

    /// One non-blocking `TRUNCATE` for the erasures queued so far; true when it completed.
    private func retryErasure(_ connection: SQLiteConnection) -> Bool {
        // Only erasures queued before this attempt are covered by it: each was queued after
        // its DELETE committed.
        let covered = state.withLock { $0.erasures }
        let outcome: WALCheckpoint
        do {
            outcome = try connection.walCheckpoint(truncate: true, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds)
        } catch {
            logger.debug("TRUNCATE checkpoint for an erasure failed; retrying", metadata: ["error": "\(error)"])
            warnOfLongWaits()
            return false
        }
        guard outcome.isComplete else {
            warnOfLongWaits()
            return false
        }
        state.withLock { state in state.erasures.removeFirst(min(covered.count, state.erasures.count)) }
        for erasure in covered {
            if erasure.warned {
                logger.info("erased session's old pages are gone from the database file and the WAL: the reader in the way ended", metadata: ["session": "\(erasure.session)"])
            } else {
                logger.info("session erased", metadata: ["session": "\(erasure.session)"])
            }
        }
        return true
    }

    /// Logs, once each, the erasures waiting longer than ``StoreConfiguration/erasureWarningMilliseconds``.
    private func warnOfLongWaits() {
        let now = DispatchTime.now().uptimeNanoseconds
        let limit = UInt64(configuration.erasureWarningMilliseconds) * 1_000_000
        let overdue = state.withLock { state -> [PendingErasure] in
            var overdue: [PendingErasure] = []
            for index in state.erasures.indices where !state.erasures[index].warned && now - state.erasures[index].since >= limit {
                state.erasures[index].warned = true
                overdue.append(state.erasures[index])
            }
            return overdue
        }
        for erasure in overdue {
            let first = erasure.first
            logger.warning("the erased session's old pages stay on disk (database file and WAL) while a reader holds an older snapshot (sqlite3 shell, backup, export); retrying the TRUNCATE checkpoint until it ends", metadata: [
                "session": "\(erasure.session)", "busy": "\(first.map { $0.busy ? "1" : "0" } ?? "-")",
                "walFrames": "\(first?.logFrames ?? -1)", "checkpointedFrames": "\(first?.checkpointedFrames ?? -1)",
                "waitedSeconds": "\((now - erasure.since) / 1_000_000_000)",
            ])
        }
    }

    private func checkpoint(_ connection: SQLiteConnection, by who: String) {
        do {
            // The result row's first column is 1 when another checkpoint held the lock; the
            // next commit past the threshold simply asks again.
            _ = try connection.rows("PRAGMA wal_checkpoint(PASSIVE)") { $0.int64(0) }
        } catch {
            logger.warning("WAL checkpoint failed", metadata: ["by": "\(who)", "error": "\(error)"])
        }
    }
}

/// `sqlite3_wal_hook` callback: forwards the WAL size to the `Checkpointer` in `context`.
private func checkpointerWALHook(context: UnsafeMutableRawPointer?, db: OpaquePointer?, name: UnsafePointer<CChar>?, pages: Int32) -> Int32 {
    if let context {
        Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().committed(walPages: Int(pages))
    }
    return SQLITE_OK
}
