import Foundation

/// A few dedicated reader threads, each with its own read-only connection, serving a shared
/// queue, so blocking SQLite reads never run on Swift's cooperative pool and never wait for
/// the writer (WAL readers see the last committed state).
final class ReaderPool: Sendable {
    private let queue = StoreJobQueue<ReadJob>()
    private let configuration: StoreConfiguration

    private init(configuration: StoreConfiguration) {
        self.configuration = configuration
    }

    /// Starts `configuration.readerCount` threads; returns once all connections are open.
    static func start(_ configuration: StoreConfiguration) async throws -> ReaderPool {
        let pool = ReaderPool(configuration: configuration)
        for index in 0..<configuration.readerCount {
            try await ConnectionThread.start(
                name: "rr-store-read-\(index)",
                open: {
                    let connection = try ConnectionFactory.openReader(configuration)
                    pool.queue.threadStarted()
                    return connection
                },
                serve: { pool.serve($0) }
            )
        }
        return pool
    }

    /// Queues a read; cancels it with `.closed` when the pool is closing.
    func enqueue(_ job: ReadJob) {
        guard !queue.enqueue(job) else { return }
        job.cancel(StoreError(.closed, "the store at \(configuration.dataDirectory) is closed"))
    }

    /// Finishes queued reads, closes every connection and stops the threads. Safe to call more
    /// than once; every call returns once all threads have stopped.
    func close() async {
        await queue.close()
    }

    private func serve(_ connection: SQLiteConnection) {
        while true {
            queue.waitForWork()
            let (jobs, stop) = queue.take(upTo: 1)
            for job in jobs { job.run(connection) }
            guard stop else { continue }
            // Closed before it counts as stopped: the last reader to stop resumes `close()`, and
            // a connection still open then (another reader's, between its count and its close)
            // could be the file's last, which checkpoints and removes the WAL under an exclusive
            // lock while the caller already opens the file again.
            connection.close()
            queue.threadStopped()
            return
        }
    }
}
