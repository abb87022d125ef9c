/// How long a server keeps a session after it was last in use (`retention_days`), and when a
/// session's time runs out. Pure: the store says when each session was last in use, this says
/// which are due, and the daemon's sweep erases them.
///
/// A session's last use is the latest of: when it was scheduled, its start time, and its newest
/// event (for a review that ran, its end: nothing after the end is recorded). Joining to read
/// it again is not a use: a record read every week must still go when its time is up.
public struct SessionRetention: Sendable, Equatable {
    /// The most days a server may keep sessions for: ten years, far beyond any school's policy.
    /// A larger number is a typo, not a policy.
    public static let maximumDays = 3_650

    /// Whole days a session is kept after its last use, 1 to ``maximumDays``.
    public let days: Int

    /// The rule for `days`; nil when `days` is out of 1…``maximumDays`` (0 means "keep for ever",
    /// which is no rule at all).
    public init?(days: Int) {
        guard (1...Self.maximumDays).contains(days) else { return nil }
        self.days = days
    }

    /// When a session last used at `lastUse` is due for erasing.
    public func erasesAt(lastUse: Timestamp) -> Timestamp {
        Timestamp(millisecondsSince1970: lastUse.millisecondsSince1970 + Int64(days) * 86_400_000)
    }

    /// Whether a session last used at `lastUse` is due for erasing at `now`.
    public func isDue(lastUse: Timestamp, now: Timestamp) -> Bool {
        erasesAt(lastUse: lastUse) <= now
    }

    /// The sessions of `uses` (each one's id and last use) due at `now`, longest-unused first,
    /// so an interrupted sweep has erased the oldest.
    public func due<ID>(_ uses: [(id: ID, lastUse: Timestamp)], now: Timestamp) -> [ID] {
        uses.filter { isDue(lastUse: $0.lastUse, now: now) }
            .sorted { $0.lastUse < $1.lastUse }
            .map(\.id)
    }
}
