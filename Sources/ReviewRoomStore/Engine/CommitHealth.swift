import LockedValue

/// Whether the writer's commits are failing: set by the writer thread after each batch, read by
/// anyone (`/readyz`). A failure stays until a later transaction that changed rows commits (a
/// real write or the writer's own ``CommitProbe``), so an empty batch (which writes nothing and
/// succeeds even on a full disk) does not clear it.
final class CommitHealth: Sendable {
    private struct State {
        var failure: StoreError?
        var closed = false
        var waiters: [UInt64: CheckedContinuation<StoreError?, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Locked(State())

    /// The failure of the last batch that failed, or nil once a writing batch committed since.
    var current: StoreError? { state.withLock { $0.failure } }

    /// Records that a batch could not be committed.
    func failed(_ error: StoreError) { state.withLock { $0.failure = error } }

    /// Records that a batch which changed rows was committed; wakes ``waitUntilCommitting()``.
    func committed() {
        let waiters = state.withLock { state -> [CheckedContinuation<StoreError?, Never>] in
            state.failure = nil
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    /// Records that the writer stopped: waiters get the failure still standing (if any).
    func close() {
        let (waiters, failure) = state.withLock { state -> ([CheckedContinuation<StoreError?, Never>], StoreError?) in
            state.closed = true
            defer { state.waiters.removeAll() }
            return (Array(state.waiters.values), state.failure)
        }
        for waiter in waiters { waiter.resume(returning: failure) }
    }

    /// Returns nil as soon as commits succeed (at once when they do now), or the failure still
    /// standing when the writer stopped first or the waiting task was cancelled.
    func waitUntilCommitting() async -> StoreError? {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<StoreError?, Never>) in
                let answer = state.withLock { state -> StoreError?? in
                    if state.failure == nil || state.closed || Task.isCancelled { return .some(state.failure) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let answer { continuation.resume(returning: answer) }
            }
        } onCancel: {
            let (waiter, failure) = state.withLock { state in (state.waiters.removeValue(forKey: id), state.failure) }
            waiter?.resume(returning: failure)
        }
    }
}

extension StoreError {
    /// Whether this failure means the disk or the file refuses writes (full disk, I/O error,
    /// read-only file system, damaged file, lock held past the busy timeout, the file deleted or
    /// replaced underneath) rather than that one
    /// request was wrong (a sequence gap, an unknown session…).
    public var stopsCommits: Bool {
        switch code {
        case .diskFull, .dataDirectoryNotWritable, .corrupt, .notADatabase, .busy, .databaseMoved: true
        case .sqlite: sqliteCode.map { $0 & 0xff == 10 /* SQLITE_IOERR */ } ?? false
        default: false
        }
    }
}
