import CSQLite
import Dispatch
import Foundation
import Logging
import Synchronization

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
    }

    private let state = Mutex(State())
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

    private func serve(_ connection: SQLiteConnection) {
        while true {
            wake.wait()
            let (run, stop) = state.withLock { state -> (Bool, Bool) in
                let run = state.pending && !state.closing
                state.pending = false
                state.inProgress = run
                return (run, state.closing)
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
            if stop {
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
