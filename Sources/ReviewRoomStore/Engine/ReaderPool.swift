import Dispatch
import Foundation
import LockedValue

/// A few dedicated reader threads, each with its own read-only connection, serving a shared
/// queue, so blocking SQLite reads never run on Swift's cooperative pool and never wait for
/// the writer (WAL readers see the last committed state).
final class ReaderPool: Sendable {
    private struct Queue {
        var jobs: [ReadJob] = []
        var closing = false
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let queue = Locked(Queue())
    private let wake = DispatchSemaphore(value: 0)
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
                    // Counted before start() returns, so a close() right after waits for it.
                    pool.queue.withLock { $0.running += 1 }
                    return connection
                },
                serve: { pool.serve($0) }
            )
        }
        return pool
    }

    /// Queues a read; cancels it with `.closed` when the pool is closing.
    func enqueue(_ job: ReadJob) {
        let accepted = queue.withLock { queue in
            guard !queue.closing else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted {
            wake.signal()
        } else {
            job.cancel(StoreError(.closed, "the store at \(configuration.dataDirectory) is closed"))
        }
    }

    /// Finishes queued reads, closes every connection and stops the threads. Safe to call more
    /// than once; every call returns once all threads have stopped.
    func close() async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let (running, firstClose) = queue.withLock { queue -> (Int, Bool) in
                let first = !queue.closing
                queue.closing = true
                if queue.running > 0 { queue.waiters.append(stopped) }
                return (queue.running, first)
            }
            if running == 0 {
                stopped.resume()
            } else if firstClose {
                for _ in 0..<running { wake.signal() }
            }
        }
    }

    private func serve(_ connection: SQLiteConnection) {
        while true {
            wake.wait()
            let job = queue.withLock { queue -> ReadJob? in queue.jobs.isEmpty ? nil : queue.jobs.removeFirst() }
            if let job {
                job.run(connection)
                continue
            }
            guard queue.withLock({ $0.closing }) else { continue }
            // Closed before it counts as stopped: the last reader to stop resumes `close()`, and
            // a connection still open then (another reader's, between its count and its close)
            // could be the file's last, which checkpoints and removes the WAL under an exclusive
            // lock while the caller already opens the file again.
            connection.close()
            let waiters = queue.withLock { queue -> [CheckedContinuation<Void, Never>] in
                queue.running -= 1
                guard queue.running == 0 else { return [] }
                defer { queue.waiters.removeAll() }
                return queue.waiters
            }
            for waiter in waiters { waiter.resume() }
            return
        }
    }
}
