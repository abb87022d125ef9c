import Foundation
import LockedValue

/// Runs blocking raw-client code (``RawSocket``, ``RawHTTPClient``, ``RawWebSocketClient``)
/// from async tests without starving anything.
///
/// On Linux both the cooperative pool and Dispatch's global queues have as many threads as
/// cores (2 here) and only grow after about a second, so a blocking read there stalls the
/// server's own tasks (HTTP responders, session actors) and makes tests slow or flaky. Each
/// call gets its own thread instead.
public enum RawBlocking {
    /// Runs `body` on a fresh thread and returns (or throws) its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        // The result goes through a lock as well as the resume: ThreadSanitizer does not see the
        // ordering the (uninstrumented) concurrency runtime gives a resume from a raw thread, and
        // reported what `body` wrote (an `AwaitableLog`'s name, set in its init) as racing with
        // the caller's later read. A pthread mutex it sees orders them.
        let handoff = Locked<Result<T, any Error>?>(nil)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                let result = Result { try body() }
                handoff.withLock { $0 = result }
                continuation.resume()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        guard let result = handoff.withLock({ $0 }) else { throw RawThreadError() }
        return try result.get()
    }

    /// Starts `body` on a fresh thread now, before the caller's next `await`, and returns a
    /// handle to its result. `async let x = RawBlocking.run { … }` starts its thread only once a
    /// pool thread runs the child task, which in a loaded full run came too late for a client
    /// that had to start reading within a server's grace period.
    public static func start<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> RawThread<T> {
        RawThread(body)
    }
}

/// A body running on a thread of its own (``RawBlocking/start(_:)``); ``value()`` is its result.
public final class RawThread<T: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `result` is written once, by the thread, before `done` is signalled,
    // and read only after waiting on `done`, which orders the write before the read.
    private var result: Result<T, any Error>?
    private let done = DispatchSemaphore(value: 0)

    fileprivate init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Waits (on a fresh thread) until the body has finished; its result or its error.
    public func value() async throws -> T {
        try await RawBlocking.run { [self] in
            done.wait()
            done.signal() // a second `value()` does not wait for ever
            guard let result else { throw RawThreadError() }
            return try result.get()
        }
    }
}

/// A ``RawThread`` whose body finished without leaving a result (never expected).
struct RawThreadError: Error {}
