/// The time a service loop spent able to read: the clock ``IdlePolicy`` measures a peer's
/// silence on. A pure value the loop advances once per pass.
///
/// The monotonic clock alone counts time the loop was not running as the peers' silence: after
/// the service thread stalled (the VM paused or live-migrated, the process stopped, the machine
/// swapping, a long callback) every connection looked silent for the whole stall, and the sweep
/// dropped them all before the loop had read the frames they sent meanwhile. This clock counts
/// each gap between two passes only up to ``longestCountedGapNanoseconds``, so a stall costs a
/// connection at most that much of its silence, and it holds the sweep in the pass right after
/// a stall until that pass has read what arrived (``sweepHeld``). Real silence, observed across
/// passes the loop ran, still adds up to the hang-up time.
struct ReadingClock: Sendable, Equatable {
    /// The most one gap between two passes counts, ns. A pass is normally short (the loop wakes
    /// at least every 50 ms for lws's timers); a longer gap means the loop was not reading.
    static let defaultLongestCountedGapNanoseconds: UInt64 = 1_000_000_000

    /// The most one gap between two passes counts, ns.
    let longestCountedGapNanoseconds: UInt64
    /// Reading time at the latest pass, ns (starts at the first pass's monotonic time).
    private(set) var now: UInt64 = 0
    /// The latest pass followed a gap longer than ``longestCountedGapNanoseconds``: what
    /// arrived during it is still unread, so no connection's silence may be judged yet. Never
    /// two passes in a row: when every pass is that long (a loop overloaded for minutes) the
    /// sweep still runs every other pass, after a `runOnce`, and dead peers are still dropped.
    private(set) var sweepHeld = false
    /// Monotonic time of the latest pass; nil before the first.
    private var lastPass: UInt64?

    /// A clock counting gaps up to `longestCountedGapNanoseconds` (at least 1 ns).
    init(longestCountedGapNanoseconds: UInt64 = Self.defaultLongestCountedGapNanoseconds) {
        self.longestCountedGapNanoseconds = max(1, longestCountedGapNanoseconds)
    }

    /// Reading time at monotonic time `monotonic` within the current pass: ``now`` plus the time
    /// since the pass began, counted at most up to the limit, as between passes (a stall inside
    /// this pass is no more the peers' delay than one before it).
    func reading(at monotonic: UInt64) -> UInt64 {
        guard let lastPass else { return monotonic }
        let since = monotonic > lastPass ? monotonic - lastPass : 0
        return now + min(since, longestCountedGapNanoseconds)
    }

    /// How much of `timeout` is left at monotonic time `monotonic` for something started at
    /// reading time `start`; nil when it ran out while the loop was reading (right after a stall
    /// it has not: what arrived during the stall is still unread, so at least `grace` is left).
    /// A stall inside the current pass counts as one before it: lws may run a timer in the same
    /// pass, after the stalling callback and before it reads.
    func remaining(of timeout: UInt64, since start: UInt64, at monotonic: UInt64, grace: UInt64) -> UInt64? {
        let current = reading(at: monotonic)
        let waited = current > start ? current - start : 0
        if waited < timeout { return timeout - waited }
        let stalledInThisPass = lastPass.map { monotonic > $0 && monotonic - $0 > longestCountedGapNanoseconds } ?? false
        return sweepHeld || stalledInThisPass ? grace : nil
    }

    /// A loop pass starts at monotonic time `monotonic`: advances ``now`` by the gap since the
    /// previous pass, counted at most up to the limit (a clock that seems to go back counts
    /// nothing), and returns it.
    @discardableResult
    mutating func pass(at monotonic: UInt64) -> UInt64 {
        guard let lastPass else {
            now = monotonic
            self.lastPass = monotonic
            return now
        }
        let gap = monotonic > lastPass ? monotonic - lastPass : 0
        sweepHeld = gap > longestCountedGapNanoseconds && !sweepHeld
        now += min(gap, longestCountedGapNanoseconds)
        self.lastPass = max(lastPass, monotonic)
        return now
    }
}
