import Dispatch
import Foundation
import LockedValue
import Logging

/// The store's single writer: a dedicated `Thread` (never a cooperative-pool thread) that owns
/// the write connection, takes every queued job, runs them all in one transaction and, after
/// COMMIT, reports each outcome in queue order (group commit).
final class WriterThread: Sendable {
    private let queue = StoreJobQueue<WriteJob>()
    private let configuration: StoreConfiguration
    /// Kept alive here because the writer connection's WAL hook points at it.
    private let checkpointer: Checkpointer
    private let logger: Logger
    /// The schema version the database was migrated from when it was opened, if it was.
    let migratedFrom = Locked<Int?>(nil)
    /// Whether commits are failing (read by ``Store/commitFailure``).
    let health = CommitHealth()
    /// Which journal rows hold each session's events, kept by the writer for the readers.
    let journalDirectory = JournalDirectory()

    private init(configuration: StoreConfiguration, checkpointer: Checkpointer, logger: Logger) {
        self.configuration = configuration
        self.checkpointer = checkpointer
        self.logger = logger
    }

    /// Starts the thread; returns once its connection is open and migrated, or throws why not.
    static func start(_ configuration: StoreConfiguration, checkpointer: Checkpointer, logger: Logger, now: Int64) async throws -> WriterThread {
        let writer = WriterThread(configuration: configuration, checkpointer: checkpointer, logger: logger)
        try await ConnectionThread.start(
            name: "rr-store-writer",
            open: {
                var from: Int?
                let connection = try ConnectionFactory.openWriter(configuration, now: now, migratedFrom: &from)
                writer.migratedFrom.withLock { $0 = from }
                try checkpointer.install(on: connection)
                // Before the store opens, so its first reads look rows up by id; failing, they
                // scan until the first transaction reads the journal back.
                try? writer.journalDirectory.readBack(connection)
                writer.queue.threadStarted()
                return connection
            },
            serve: { writer.serve($0) }
        )
        return writer
    }

    /// Queues a job; fails it at once with `.closed` when the store is closing.
    func enqueue(_ job: WriteJob) {
        guard !queue.enqueue(job) else { return }
        job.fail(StoreError(.closed, "the store at \(configuration.dataDirectory) is closed"))
    }

    /// Finishes every queued job, closes the connection and stops the thread. Safe to call
    /// more than once; every call returns once the thread has stopped.
    func close() async {
        await queue.close()
    }

    private func serve(_ connection: SQLiteConnection) {
        var batch = WriteBatch(connection: connection, busyTimeoutMilliseconds: configuration.busyTimeoutMilliseconds, health: health,
                               journalFoldRows: configuration.journalFoldRows, journalDirectory: journalDirectory, logger: logger)
        while true {
            guard waitForWork() else {
                // Commits are failing and nothing came for a retry interval: try the probe.
                let failure = health.current
                batch.commit([CommitProbe.job])
                checkpointer.finishIfNeeded(on: connection)
                if let failure, health.current == nil {
                    logger.notice("store commits succeed again (the writer's probe commit went through)",
                                  metadata: ["failing": "\(failure.code)", "path": "\(configuration.databasePath)"])
                }
                continue
            }
            let (jobs, stopping) = queue.take(upTo: configuration.maxBatchSize)
            if !jobs.isEmpty {
                batch.commit(jobs)
                checkpointer.finishIfNeeded(on: connection)
            }
            if stopping {
                batch.foldWholeJournal()
                try? connection.execute("PRAGMA optimize")
                connection.close()
                health.close()
                queue.threadStopped()
                return
            }
            // Jobs left behind by `maxBatchSize` each still have a signal pending, so the loop comes back.
        }
    }

    /// Waits for a signal (a job, or closing) and returns true; returns false instead when
    /// commits are failing and ``StoreConfiguration/commitRetryMilliseconds`` passed without one.
    private func waitForWork() -> Bool {
        guard health.current != nil, let retry = configuration.commitRetryMilliseconds else {
            queue.waitForWork()
            return true
        }
        return queue.waitForWork(until: .now() + .milliseconds(max(1, retry)))
    }
}
