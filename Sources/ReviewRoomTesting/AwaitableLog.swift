import LockedValue

/// An append-only log that tests can wait on: "the first entry matching this, within that
/// long". Waiting is event-driven; the timeout only turns a hang into a failure.
public final class AwaitableLog<Element: Sendable>: Sendable {
    private struct Waiter {
        var predicate: @Sendable (Element) -> Bool
        var continuation: CheckedContinuation<Element, any Error>
        var timer: Task<Void, Never>?
    }

    private struct State {
        var entries: [Element] = []
        var finished = false
        var waiters: [UInt64: Waiter] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Locked(State())
    /// Names the log in timeout messages (`stdout`, `stderr`, `notify socket`).
    public let name: String

    /// Creates an empty log.
    public init(name: String) { self.name = name }

    /// Every entry so far.
    public var entries: [Element] { state.withLock { $0.entries } }

    /// Appends an entry and wakes the waiters it satisfies.
    public func append(_ element: Element) {
        let ready = state.withLock { state -> [Waiter] in
            state.entries.append(element)
            let matched = state.waiters.filter { $0.value.predicate(element) }
            for key in matched.keys { state.waiters[key] = nil }
            return Array(matched.values)
        }
        for waiter in ready {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: element)
        }
    }

    /// Marks the log complete; waiters still waiting fail.
    public func finish() {
        let waiting = state.withLock { state -> [Waiter] in
            state.finished = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiting {
            waiter.timer?.cancel()
            waiter.continuation.resume(throwing: AwaitTimeout(log: name, reason: "it ended"))
        }
    }

    /// The first entry (already logged or still to come) matching `predicate` (which runs under
    /// the log's lock: it must not read this log); throws
    /// ``AwaitTimeout`` when none arrives within `timeout` or the log ends without one.
    public func first(where predicate: @escaping @Sendable (Element) -> Bool, timeout: Duration) async throws -> Element {
        let name = name
        return try await withCheckedThrowingContinuation { continuation in
            let outcome = state.withLock { state -> Result<Element, AwaitTimeout>? in
                if let found = state.entries.first(where: predicate) { return .success(found) }
                if state.finished { return .failure(AwaitTimeout(log: name, reason: "it ended")) }
                let id = state.nextWaiter
                state.nextWaiter += 1
                // The timer only turns a hang into a failure; a match cancels it.
                let timer = Task { [weak self] in
                    guard (try? await Task.sleep(for: timeout)) != nil else { return }
                    self?.expire(id, after: timeout)
                }
                state.waiters[id] = Waiter(predicate: predicate, continuation: continuation, timer: timer)
                return nil
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func expire(_ id: UInt64, after timeout: Duration) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.continuation.resume(throwing: AwaitTimeout(log: name, reason: "nothing matched within \(timeout)"))
    }
}

/// Waiting on an ``AwaitableLog`` failed.
public struct AwaitTimeout: Error, CustomStringConvertible {
    /// The log waited on.
    public var log: String
    /// Why the wait ended.
    public var reason: String
    /// `waited on stderr: nothing matched within 10 seconds`.
    public var description: String { "waited on \(log): \(reason)" }
}
