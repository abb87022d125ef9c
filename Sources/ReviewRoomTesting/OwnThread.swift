/// Runs CPU-bound test work that takes seconds (trace replays, randomized trials, scans of
/// every Unicode scalar) on a thread of its own instead of one of the cooperative pool's.
///
/// The pool has as many threads as cores (2 here) and takes jobs in order: while two such
/// tests held both threads, every async job queued behind them waited — the responders of the
/// in-process servers other tests were talking to included — and with builds running beside
/// `swift test` that lasted past lws's 20 s timeout, which closed those tests' requests
/// unanswered. On a thread of its own the work shares the CPU with everything else instead.
///
/// Unlike ``RawBlocking``, the work runs inside the calling test's task (an unstructured task
/// that inherits its task-locals), so `#expect` and `#require` record against the test as usual.
public enum OwnThread {
    /// Runs `body` on a fresh thread and returns (or throws) its result.
    public static func run<T: Sendable>(_ body: sending @escaping () throws -> T) async throws -> T {
        try await Task(executorPreference: ThreadPerJobExecutor()) { try body() }.value
    }
}
