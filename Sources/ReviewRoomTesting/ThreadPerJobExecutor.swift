import Foundation

/// A task executor that runs every job it is given on a fresh thread: what ``OwnThread`` runs
/// CPU-bound test work on, off the cooperative pool.
final class ThreadPerJobExecutor: TaskExecutor {
    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        let thread = Thread { unowned.runSynchronously(on: executor) }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
