import Logging
import ReviewRoomStore
import Synchronization

/// Where live sessions report how their fire-and-forget store writes ended (still-here marks,
/// attendance, snapshots): one per ``SessionRegistry``, shared by all its sessions, so a full
/// disk logs the first failure of each kind and then a summary a minute, not a line per session
/// per minute. The decisions are ``BackgroundWriteLogThrottle``'s; this only keeps it, reads the
/// time from the sessions' clock and writes the lines. Safe from any thread (store completions
/// run on the writer thread).
final class BackgroundWriteLog: Sendable {
    private let throttle: Mutex<BackgroundWriteLogThrottle>
    private let logger: Logger
    private let clock: any SessionClock

    /// Logs to `logger`, timed by `clock` (the sessions' clock, so tests drive it by hand).
    init(logger: Logger, clock: any SessionClock, throttle: BackgroundWriteLogThrottle = BackgroundWriteLogThrottle()) {
        self.throttle = Mutex(throttle)
        self.logger = logger
        self.clock = clock
    }

    /// A write of `kind` for `session` failed with `error`; `details` go with a line about it.
    func failed(_ kind: BackgroundWriteKind, session: SessionID, error: any Error, details: Logger.Metadata = [:]) {
        let now = clock.now()
        let lines = throttle.withLock { $0.failed(kind, session: session.rawValue, error: "\(error)", details: details, now: now) }
        write(lines)
    }

    /// A write of `kind` succeeded.
    func succeeded(_ kind: BackgroundWriteKind) {
        let now = clock.now()
        let lines = throttle.withLock { $0.succeeded(kind, now: now) }
        write(lines)
    }

    /// Reports `result` of a write of `kind` for `session`.
    func report<Success>(_ kind: BackgroundWriteKind, session: SessionID, _ result: Result<Success, StoreError>,
                         details: Logger.Metadata = [:]) {
        switch result {
        case .success: succeeded(kind)
        case .failure(let error): failed(kind, session: session, error: error, details: details)
        }
    }

    /// Logs what was counted and not told yet, however recent (graceful shutdown).
    func logRemaining() {
        let now = clock.now()
        write(throttle.withLock { $0.remainingSummaries(now: now) })
    }

    private func write(_ lines: [BackgroundWriteLogLine]) {
        for line in lines { logger.log(level: line.level, "\(line.message)", metadata: line.metadata) }
    }
}
