import ReviewRoomCore

/// Where session actors get the time and wait for deadlines: the real clock in the daemon,
/// ``ManualSessionClock`` in tests (which advance it instead of sleeping).
public protocol SessionClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
    /// Returns once `now() >= deadline` (throws `CancellationError` when cancelled).
    func sleep(until deadline: Timestamp) async throws
}
