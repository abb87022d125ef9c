import Logging
import ReviewRoomCore
import ServiceLifecycle

/// Runs ``RetentionSweep`` every hour until graceful shutdown (and at once, unless the daemon
/// swept before it began to listen: ``sweep(at:)``).
public struct RetentionService: Service {
    /// How long between sweeps: a session goes at most this long after its day.
    public static let interval: Int64 = 3_600_000

    private let sweep: RetentionSweep
    private let clock: any SessionClock
    private let logger: Logger
    private let sweepsAtOnce: Bool

    /// Sweeps with `sweep`, timed by `clock`: at once when `sweepsAtOnce`, else first an
    /// ``interval`` after it runs.
    public init(sweep: RetentionSweep, clock: any SessionClock, sweepsAtOnce: Bool = true, logger: Logger) {
        self.sweep = sweep
        self.clock = clock
        self.sweepsAtOnce = sweepsAtOnce
        self.logger = logger
    }

    /// One sweep at `now`, erasing at most `limit` sessions; returns whether it erased that many
    /// (more may be due). A failure to read the sessions is logged (the next sweep tries again).
    @discardableResult
    public func sweep(at now: Timestamp, atMost limit: Int = .max) async -> Bool {
        do {
            return try await sweep.run(now: now, atMost: limit).count >= limit
        } catch {
            logger.error("the retention sweep could not read the sessions", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Sweeps every ``interval`` until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown { [clock, sweepsAtOnce] in
            let anHourAfter = { (instant: Timestamp) in Timestamp(millisecondsSince1970: instant.millisecondsSince1970 + Self.interval) }
            var next = sweepsAtOnce ? clock.now() : anHourAfter(clock.now())
            while !Task.isCancelled {
                do { try await clock.sleep(until: next) } catch { return }
                // Counted from the sweep, not the schedule: a server woken from days of suspend
                // sweeps once, not once for every hour it slept.
                let now = clock.now()
                await sweep(at: now)
                next = anHourAfter(now)
            }
        }
    }
}
