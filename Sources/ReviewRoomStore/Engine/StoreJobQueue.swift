import Dispatch
import LockedValue

/// The queue between the store's callers and its own threads (the writer, each reader): jobs
/// in order, refused once closing; a semaphore signalled once per job and, at the first close,
/// once per thread; and the `close()` callers, resumed when the last thread has stopped.
final class StoreJobQueue<Job: Sendable>: Sendable {
    private struct State {
        var jobs: [Job] = []
        var closing = false
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Locked(State())
    private let wake = DispatchSemaphore(value: 0)

    /// Counts a thread that serves this queue; call it before the thread's start returns, so a
    /// `close()` right after waits for it.
    func threadStarted() {
        state.withLock { $0.running += 1 }
    }

    /// Queues `job` and wakes a thread; false (nothing queued) once the queue is closing.
    func enqueue(_ job: Job) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closing else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { wake.signal() }
        return accepted
    }

    /// Waits for a signal: a job, or closing.
    func waitForWork() {
        wake.wait()
    }

    /// Waits for a signal until `deadline`; false when none came.
    func waitForWork(until deadline: DispatchTime) -> Bool {
        wake.wait(timeout: deadline) == .success
    }

    /// Takes up to `limit` jobs from the front, and whether the thread should stop after them
    /// (nothing is left and the queue is closing).
    func take(upTo limit: Int) -> (jobs: [Job], stop: Bool) {
        state.withLock { state in
            let count = min(state.jobs.count, limit)
            let jobs = Array(state.jobs.prefix(count))
            state.jobs.removeFirst(count)
            return (jobs, state.jobs.isEmpty && state.closing)
        }
    }

    /// Counts a thread that stopped (after closing its connection); the last one resumes every
    /// `close()` caller.
    func threadStopped() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new jobs, lets the threads finish the queued ones and stop, and returns once all
    /// have stopped. Safe to call more than once; every call returns then.
    func close() async {
        await withCheckedContinuation { (stopped: CheckedContinuation<Void, Never>) in
            let (running, firstClose) = state.withLock { state -> (Int, Bool) in
                let first = !state.closing
                state.closing = true
                if state.running > 0 { state.waiters.append(stopped) }
                return (state.running, first)
            }
            if running == 0 {
                stopped.resume()
            } else if firstClose {
                for _ in 0..<running { wake.signal() }
            }
        }
    }
}
