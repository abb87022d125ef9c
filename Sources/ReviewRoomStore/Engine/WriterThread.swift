import Dispatch
import Foundation
import Synchronization

/// The store's single writer: a dedicated `Thread` (never a cooperative-pool thread) that owns
/// the write connection, takes every queued job, runs them all in one transaction and, after
/// COMMIT, reports each outcome in queue order (group commit).
final class WriterThread: Sendable {
    private struct Queue {
        var jobs: [WriteJob] = []
        var closing = false
        var stopped: CheckedContinuation<Void, Never>?
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let configuration: StoreConfiguration

    private init(configuration: StoreConfiguration) {
        self.configuration = configuration
    }

    /// Starts the thread; returns once its connection is open and migrated, or throws why not.
    static func start(_ configuration: StoreConfiguration, now: Int64) async throws -> WriterThread {
        let writer = WriterThread(configuration: configuration)
        try await withCheckedThrowingContinuation { (started: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                let connection: SQLiteConnection
                do {
                    connection = try ConnectionFactory.openWriter(configuration, now: now)
                } catch {
                    started.resume(throwing: error)
                    return
                }
                started.resume()
                writer.serve(connection)
            }
            thread.name = "reviewroom-store-writer"
            thread.start()
        }
        return writer
    }

    /// Queues a job; fails it at once with `.closed` when the store is closing.
    func enqueue(_ job: WriteJob) {
        let accepted = queue.withLock { queue in
            guard !queue.closing else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted {
            wake.signal()
        } else {
            job.fail(StoreError(.closed, "the store at \(configuration.dataDirectory) is closed"))
        }
    }

    /// Finishes every queued job, closes the connection and stops the thread.
    func close() async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            queue.withLock { queue in
                queue.closing = true
                queue.stopped = stopped
            }
            wake.signal()
        }
    }

    private func serve(_ connection: SQLiteConnection) {
        var batch = WriteBatch(connection: connection)
        while true {
            wake.wait()
            let (jobs, stop) = queue.withLock { queue -> ([WriteJob], CheckedContinuation<Void, Never>?) in
                let count = min(queue.jobs.count, configuration.maxBatchSize)
                let jobs = Array(queue.jobs.prefix(count))
                queue.jobs.removeFirst(count)
                if queue.jobs.isEmpty, queue.closing, let stopped = queue.stopped {
                    queue.stopped = nil
                    return (jobs, stopped)
                }
                return (jobs, nil)
            }
            if !jobs.isEmpty { batch.commit(jobs) }
            if let stop {
                try? connection.execute("PRAGMA optimize")
                connection.close()
                stop.resume()
                return
            }
            // Jobs left behind by `maxBatchSize` each still have a signal pending, so the loop comes back.
        }
    }
}
