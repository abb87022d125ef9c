import Dispatch
import Foundation
import Synchronization

/// A few dedicated reader threads, each with its own read-only connection, serving a shared
/// queue, so blocking SQLite reads never run on Swift's cooperative pool and never wait for
/// the writer (WAL readers see the last committed state).
final class ReaderPool: Sendable {
    private struct Queue {
        var jobs: [ReadJob] = []
        var closing = false
        var running = 0
        var stopped: CheckedContinuation<Void, Never>?
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let configuration: StoreConfiguration

    private init(configuration: StoreConfiguration) {
        self.configuration = configuration
    }

    /// Starts `configuration.readerCount` threads; returns once all connections are open.
    static func start(_ configuration: StoreConfiguration) async throws -> ReaderPool {
        let pool = ReaderPool(configuration: configuration)
        for index in 0..<configuration.readerCount {
            try await withCheckedThrowingContinuation { (started: CheckedContinuation<Void, any Error>) in
                let thread = Thread {
                    let connection: SQLiteConnection
                    do {
                        connection = try ConnectionFactory.openReader(configuration)
                    } catch {
                        started.resume(throwing: error)
                        return
                    }
                    pool.queue.withLock { $0.running += 1 }
                    started.resume()
                    pool.serve(connection)
                }
                thread.name = "reviewroom-store-reader-\(index)"
                thread.start()
            }
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

    /// Finishes queued reads, closes every connection and stops the threads.
    func close() async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let running = queue.withLock { queue -> Int in
                queue.closing = true
                queue.stopped = stopped
                return queue.running
            }
            if running == 0 {
                queue.withLock { $0.stopped = nil }
                stopped.resume()
            }
            for _ in 0..<max(running, 1) { wake.signal() }
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
            let stop = queue.withLock { queue -> (Bool, CheckedContinuation<Void, Never>?) in
                guard queue.closing else { return (false, nil) }
                queue.running -= 1
                if queue.running == 0, let stopped = queue.stopped {
                    queue.stopped = nil
                    return (true, stopped)
                }
                return (true, nil)
            }
            if stop.0 {
                connection.close()
                stop.1?.resume()
                return
            }
        }
    }
}
