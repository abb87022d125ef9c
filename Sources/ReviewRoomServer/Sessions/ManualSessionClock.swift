import LockedValue
import ReviewRoomCore

/// A clock that moves only when told to (``advance(to:)``): timer logic is tested without
/// sleeping. Sleepers resume as soon as the time reaches their deadline.
public final class ManualSessionClock: SessionClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Timestamp
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Timestamp
        var sleepers: [Sleeper] = []
        var nextID: UInt64 = 0
    }

    private let state: Locked<State>

    /// A clock standing at `start`.
    public init(start: Timestamp) { state = Locked(State(now: start)) }

    /// The current instant.
    public func now() -> Timestamp { state.withLock { $0.now } }

    /// How many tasks wait for a deadline (tests wait for an actor to arm its timer).
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline anyone waits for.
    public var earliestDeadline: Timestamp? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    /// Moves the time forward to `instant` and wakes everyone whose deadline has come.
    public func advance(to instant: Timestamp) {
        let due = state.withLock { s -> [Sleeper] in
            s.now = max(s.now, instant)
            let now = s.now
            let due = s.sleepers.filter { $0.deadline <= now }
            s.sleepers.removeAll { $0.deadline <= now }
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Waits until the time reaches `deadline`.
    public func sleep(until deadline: Timestamp) async throws {
        let id = state.withLock { s -> UInt64 in s.nextID += 1; return s.nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let resumeNow = state.withLock { s -> Bool in
                    if s.now >= deadline || Task.isCancelled { return true }
                    s.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let cancelled = state.withLock { s -> Sleeper? in
                guard let index = s.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return s.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
        try Task.checkCancellation()
    }
}
